using Scheduler.Optimizer.Solving;
using Scheduler.Optimizer.Solving.Grid;
using Scheduler.Optimizer.Solving.Pricing;
using Scheduler.Optimizer.Solving.Relaxation;
using Scheduler.Tests.Support;

namespace Scheduler.Tests.Optimizer.Solving.Relaxation;

/// <summary>At 230 V three-phase one amp is 0.69 kW and one amp-slot 0.1725 kWh.</summary>
public sealed class MinimumCurrentDiveTests
{
    [Fact]
    public void Solve_DemandChargeFlattensBelowTheMinimum_DivedCurrentsAreOffOrAtLeastTheMinimum()
    {
        // 2.76 kWh over an hour at a flat price: the relaxation leaves its cheap last amp-slot out and flattens the
        // peak at 3.75 A, below the 6 A minimum.
        var model = SlotModel.Build(new ProblemBuilder().Charger("cp").FlatPrice(0.20).DemandCharge(10)
            .Session("s", "cp", 0, 60, kwh: 2.76, maxA: 32, minA: 6).Build());

        var relaxed = RelaxationSolver.Solve(model, new ObjectiveTerms(model), Deadline.Start(null), dive: true).Plan!;

        Assert.All(relaxed.Currents[0], a => Assert.Equal(3.75, a, 6));
        // Half the minimum would switch all four on, past the request: only the rule by the session's amps dives.
        var dived = Assert.Single(relaxed.Dived);
        Assert.All(dived.Currents[0], a => Assert.True(a < 1e-6 || a >= 6 - 1e-6, $"{a} A is below the minimum"));
        Assert.Equal(relaxed.Currents[0].Sum(), dived.Currents[0].Sum(), 6);
        Assert.True(dived.DemandPeakKw[0] > relaxed.DemandPeakKw[0], "the minimum costs peak");
        Assert.Equal(relaxed.LowerBound, dived.LowerBound);
    }

    [Fact]
    public void Solve_WithoutDemandCharges_DoesNotDive()
    {
        var model = SlotModel.Build(new ProblemBuilder().Charger("cp").FlatPrice(0.20)
            .Session("s", "cp", 0, 60, kwh: 2.76, maxA: 32, minA: 6).Build());

        var relaxed = RelaxationSolver.Solve(model, new ObjectiveTerms(model), Deadline.Start(null), dive: true).Plan!;

        Assert.Empty(relaxed.Dived);
    }

    [Fact]
    public void Solve_NotAskedToDive_DoesNotDive()
    {
        var model = SlotModel.Build(new ProblemBuilder().Charger("cp").FlatPrice(0.20).DemandCharge(10)
            .Session("s", "cp", 0, 60, kwh: 2.76, maxA: 32, minA: 6).Build());

        var relaxed = RelaxationSolver.Solve(model, new ObjectiveTerms(model), Deadline.Start(null)).Plan!;

        Assert.Empty(relaxed.Dived);
    }
}
