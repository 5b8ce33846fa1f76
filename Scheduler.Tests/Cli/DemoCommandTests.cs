using Scheduler.Cli;
using Scheduler.Protocols.Plans;

namespace Scheduler.Tests.Cli;

public sealed class DemoCommandTests
{
    [Fact]
    public void Demo_NoArguments_ExitsZeroAndPrintsTheSummary()
    {
        var run = CliRun.Of("demo");

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.Empty(run.Error);
        Assert.Contains("vienna-depot", run.Out, StringComparison.Ordinal);
        Assert.Contains("Savings", run.Out, StringComparison.Ordinal);
        Assert.Contains("EPEX Spot AT", run.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("Plan written", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Demo_Out_WritesAPlanFileThatMatchesTheSchema()
    {
        using var folder = new TempFolder();
        var planPath = folder.File("demo-plan.json");

        var run = CliRun.Of("demo", "--out", planPath);

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.Empty(PlanSchema.Validate(File.ReadAllText(planPath)));
        Assert.Equal(["demo-plan.json"], folder.FileNames());
    }
}
