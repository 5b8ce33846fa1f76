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

    [Fact]
    public void Bench_SizeWhoseDepotIsLargerThanAPlanMayBe_ExitsWithBadInputBeforeAnyChildRuns()
    {
        var run = CliRun.Of("bench", "--sizes", "10,10000");

        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.Contains("--sizes: the depot of 10000 sessions is larger than one plan may be: $.site.chargers: holds 10,000 chargers", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("bench: 10 sessions", run.Error, StringComparison.Ordinal);
    }
}
