using Scheduler.Cli;
using Scheduler.Cli.Bench;

namespace Scheduler.Tests.Cli;

public sealed class BenchOneCommandTests
{
    [Fact]
    public void BenchOne_SmallSize_PrintsOneJsonLineThatParsesBack()
    {
        var run = CliRun.Of("bench-one", "--size", "2", "--seed", "3", "--profile", "demand", "--time-limit", "2");

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        var result = BenchResult.TryParse(run.Out.Trim());
        Assert.NotNull(result);
        Assert.Equal(2, result.Sessions);
        Assert.Equal("demand", result.Profile);
        Assert.NotNull(result.JointLpSeconds);
        Assert.Equal(3, result.Seed);
        Assert.Equal(96, result.Slots);
        Assert.True(result.PeakMemoryMiB > 0);
    }
}
