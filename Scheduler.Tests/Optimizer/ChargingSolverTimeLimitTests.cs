using Scheduler.Optimizer.Plans;
using Scheduler.Optimizer.Solving;
using Scheduler.Optimizer.Synthetic;
using Scheduler.Tests.Support;

namespace Scheduler.Tests.Optimizer;

/// <summary>The time limit covers the whole solve; what these check does not depend on how fast the machine is.</summary>
public sealed class ChargingSolverTimeLimitTests
{
    [Fact]
    public void Solve_TooLittleTimeToBuildTheRelaxation_DoesNotStartItAndFallsBackSafely()
    {
        // 2,000 sessions over a day are about 100,000 session-slot pairs: a millisecond cannot build their LP.
        var problem = SyntheticSite.Create(2000, seed: 3, SyntheticProfile.Both);

        var plan = ChargingSolver.Solve(problem, new SolverOptions { TimeLimit = TimeSpan.FromMilliseconds(1) });

        Assert.Equal(PlanStatus.Fallback, plan.Status);
        Assert.Contains("no time was left", plan.FallbackReason, StringComparison.Ordinal);
        PlanChecker.AssertValid(problem, plan);
    }
}
