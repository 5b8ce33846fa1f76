using Scheduler.Cli;

namespace Scheduler.Tests.Cli;

public sealed class BenchCommandTests
{
    [Fact]
    public void Bench_OneSmallSize_ExitsZeroAndPrintsBothTables()
    {
        var run = CliRun.Of("bench", "--profiles", "loose,both", "--sizes", "5", "--repeat", "1", "--time-limit", "2");

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.Contains("peak MiB", run.Out, StringComparison.Ordinal);
        Assert.Contains("| profile | sessions | slots | status | wall s | joint LP s | × LP | peak MiB |", run.Out, StringComparison.Ordinal);
        Assert.Contains("| loose | 5 | 96 | ", run.Out, StringComparison.Ordinal);
        Assert.Contains("| both | 5 | 96 | ", run.Out, StringComparison.Ordinal);
        Assert.Contains("bench: both, 5 sessions", run.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("10,x")]
    [InlineData(",")]
    public void Bench_BadSizes_ExitsWithBadInput(string sizes)
    {
        var run = CliRun.Of("bench", "--sizes", sizes);

        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.Contains("--sizes", run.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--profiles", "tight")]
    [InlineData("--profiles", ",")]
    [InlineData("--repeat", "0")]
    public void Bench_BadProfilesOrRepeat_ExitsWithBadInputNamingTheOption(string option, string value)
    {
        var run = CliRun.Of("bench", option, value);

        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.Contains(option, run.Error, StringComparison.Ordinal);
    }
}
