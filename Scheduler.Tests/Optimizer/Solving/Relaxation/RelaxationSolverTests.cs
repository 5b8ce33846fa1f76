using Scheduler.Optimizer.Model;
using Scheduler.Optimizer.Solving;
using Scheduler.Optimizer.Solving.Grid;
using Scheduler.Optimizer.Solving.Pricing;
using Scheduler.Optimizer.Solving.Relaxation;
using Scheduler.Optimizer.Synthetic;
using Scheduler.Tests.Support;

namespace Scheduler.Tests.Optimizer.Solving.Relaxation;

public sealed class RelaxationSolverTests
{
    [Fact]
    public void Solve_OneSessionTwoPrices_BoundIsTheCheapestEnergy()
    {
        // 4.14 kWh: 2.76 in the 0.10 slot and 1.38 in the 0.20 slot.
        var model = SlotModel.Build(new ProblemBuilder().Charger("cp").SlotPrices(0.30, 0.30, 0.10, 0.20).Session("s", "cp", 0, 60, kwh: 4.14, maxA: 16).Build());

        var relaxed = RelaxationSolver.Solve(model, new ObjectiveTerms(model), Deadline.Start(null)).Plan!;

        Assert.Equal((2.76 * 0.10) + (1.38 * 0.20), relaxed.LowerBound, 6);
        Assert.Equal([0, 0, 16, 8], relaxed.Currents[0].Select(a => Math.Round(a, 6)));
    }

    [Fact]
    public void Solve_RoomySiteCircuitByCircuit_GivesTheJointBound()
    {
        // The synthetic depot with ten times its connection and no demand-response cut: its feeders share nothing.
        var depot = SyntheticSite.Create(300, seed: 5);
        var site = depot.Site;
        var roomy = depot with
        {
            Site = new Site(site.Id, site.TimeZone, site.VoltageV, site.GridLimitKw * 10, site.Circuits, site.Chargers, site.BaseLoad),
            GridSignals = [],
        };
        var model = SlotModel.Build(roomy);
        var terms = new ObjectiveTerms(model);

        var blocks = RelaxationSolver.Solve(model, terms, Deadline.Start(null), decompose: true).Plan!;
        var joint = RelaxationSolver.Solve(model, terms, Deadline.Start(null), decompose: false).Plan!;

        Assert.True(blocks.LpSolves > 1, "expected the circuit-by-circuit solve");
        Assert.Equal(joint.LowerBound, blocks.LowerBound, 4);
    }

    [Fact]
    public void Solve_NoTimeLeft_FailsSayingSo()
    {
        var model = SlotModel.Build(new ProblemBuilder().Charger("cp").Session("s", "cp", 0, 60, kwh: 4, maxA: 16).Build());

        var outcome = RelaxationSolver.Solve(model, new ObjectiveTerms(model), Deadline.Start(TimeSpan.Zero));

        Assert.Null(outcome.Plan);
        Assert.Contains("no time", outcome.Failure, StringComparison.Ordinal);
    }
}
