using Scheduler.Cli;

namespace Scheduler.Tests.Cli;

/// <summary>What one in-process run of the command line printed and returned.</summary>
/// <param name="ExitCode">The exit code.</param>
/// <param name="Out">Everything written to stdout.</param>
/// <param name="Error">Everything written to stderr.</param>
internal sealed record CliRun(int ExitCode, string Out, string Error)
{
    /// <summary>Runs <c>scheduler</c> with <paramref name="args"/> in this process.</summary>
    public static CliRun Of(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exitCode = CliApp.Run(args, stdout, stderr, new NodaTime.Testing.FakeClock(NodaTime.Instant.FromUtc(2026, 3, 10, 12, 0)));
        return new CliRun(exitCode, stdout.ToString(), stderr.ToString());
    }
}
