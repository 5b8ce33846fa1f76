using Scheduler.Cli;

// The composition root: the only place that reads the system clock.
#pragma warning disable RS0030
return CliApp.Run(args, Console.Out, Console.Error, NodaTime.SystemClock.Instance);
#pragma warning restore RS0030
