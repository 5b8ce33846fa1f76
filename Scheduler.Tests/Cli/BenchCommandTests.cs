using Scheduler.Cli;

namespace Scheduler.Tests.Cli;

public sealed class BenchCommandTests
{
    [Fact]
    public void Bench_OneSmallSize_ExitsZeroAndPrintsBothTables()
    {
        var run = CliRun.Of("bench", "--sizes", "5", "--time-limit", "2");

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.Contains("peak MiB", run.Out, StringComparison.Ordinal);
        Assert.Contains("| sessions | slots | status | wall s | peak MiB |", run.Out, StringComparison.Ordinal);
        Assert.Contains("| 5 | 96 | ", run.Out, StringComparison.Ordinal);
        Assert.Contains("bench: 5 sessions", run.Error, StringComparison.Ordinal);
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
}
