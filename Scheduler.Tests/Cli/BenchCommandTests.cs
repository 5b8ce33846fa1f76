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

    [Fact]
    public void Bench_SizeWhoseDepotIsLargerThanAPlanMayBe_ExitsWithBadInputBeforeAnyChildRuns()
    {
        var run = CliRun.Of("bench", "--sizes", "10,10000");

        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.Contains("--sizes: the depot of 10000 sessions is larger than one plan may be: $.site.chargers: holds 10,000 chargers", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("bench: 10 sessions", run.Error, StringComparison.Ordinal);
    }
}
