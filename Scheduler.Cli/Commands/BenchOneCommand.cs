using System.CommandLine;
using Scheduler.Cli.Bench;

namespace Scheduler.Cli.Commands;

/// <summary>
/// <c>scheduler bench-one --size n [--seed s] [--time-limit seconds]</c>: hidden; one measurement of
/// <c>bench</c>, run in a child process, printed as one JSON line.
/// </summary>
internal static class BenchOneCommand
{
    /// <summary>Creates the command.</summary>
    /// <param name="output">Where the JSON line goes.</param>
    public static Command Create(CliOutput output)
    {
        var size = new Option<int>("--size")
        {
            Description = "The number of sessions.",
            Required = true,
        };
        size.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() < 1)
            {
                result.AddError("--size must be at least 1");
            }
        });
        var seed = new Option<int>("--seed")
        {
            Description = "The random seed.",
            DefaultValueFactory = _ => 1,
        };
        var timeLimit = CommonOptions.TimeLimit();
        var command = new Command(BenchRunner.ChildCommand, "Measures one size of the benchmark and prints it as a JSON line.")
        {
            size,
            seed,
            timeLimit,
        };
        command.Hidden = true;
        command.SetAction(parseResult =>
        {
            var result = BenchMeasurement.Measure(
                parseResult.GetValue(size),
                parseResult.GetValue(seed),
                CommonOptions.ToTimeSpan(parseResult.GetValue(timeLimit)));
            output.Out.WriteLine(result.ToJsonLine());
            output.Out.Flush();
            return ExitCodes.Success;
        });
        return command;
    }
}
