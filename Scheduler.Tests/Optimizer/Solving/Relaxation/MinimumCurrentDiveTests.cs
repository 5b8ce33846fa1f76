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

    [Fact]
    public void Solve_ModelLargerThanTheRulesLimit_DivesOnceInPlace()
    {
        // A base load of 5 A in the second half hour: leaving its cheap last amp-slot out, the relaxation flattens
        // the peak at 5.25 A, then 0.25 A, below the 6 A minimum; half the minimum turns the first half hour on and
        // the second off. Sessions over the day asking for almost nothing take the model past the limit for diving
        // by every rule.
        var builder = new ProblemBuilder().Slots(96).FlatPrice(0.20).DemandCharge(10).BaseLoad(30, 60, 5 * 0.69)
            .Charger("cp").Session("s", "cp", 0, 60, kwh: 12 * 0.1725, maxA: 32, minA: 6);
        for (var n = 0; n * 96 <= MinimumCurrentDive.MaxPairsForEveryRule; n++)
        {
            builder.Charger($"idle{n}").Session($"idle{n}", $"idle{n}", 0, 24 * 60, kwh: 0.01);
        }

        var model = SlotModel.Build(builder.Build());
        var terms = new ObjectiveTerms(model);

        var undived = RelaxationSolver.Solve(model, terms, Deadline.Start(null)).Plan!;
        var dived = RelaxationSolver.Solve(model, terms, Deadline.Start(null), dive: true).Plan!;

        Assert.True(model.PairCount > MinimumCurrentDive.MaxPairsForEveryRule);
        Assert.Equal(0.25, undived.Currents[0][3], 6);
        Assert.Empty(dived.Dived);
        Assert.Equal([6, 6, 0, 0], dived.Currents[0].Select(a => Math.Round(a, 6)));
        Assert.Equal(6 * 0.69, dived.DemandPeakKw[0], 6);
        Assert.Equal(undived.LowerBound, dived.LowerBound, 6);
    }
}
