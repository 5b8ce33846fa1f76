using Scheduler.Optimizer.Solving.Formulation;
using Scheduler.Optimizer.Solving.Grid;
using Scheduler.Optimizer.Solving.Pricing;
using Scheduler.Tests.Support;

namespace Scheduler.Tests.Optimizer.Solving.Formulation;

public sealed class PlanningFormulationTests
{
    [Fact]
    public void AddEverything_LimitThatCannotBind_HasNoRow()
    {
        // A 100 A feeder above one 16 A car can never bind; a 10 A one can, in the slots the car is there.
        var problem = new ProblemBuilder()
            .Circuit("wide", 100)
            .Circuit("narrow", 10, parent: "wide")
            .Charger("cp", circuit: "narrow")
            .Session("s", "cp", 0, 30, kwh: 2, maxA: 16)
            .Build();
        var model = SlotModel.Build(problem);
        using var formulation = PlanningFormulation.Relaxation(model, new ObjectiveTerms(model));

        formulation.AddEverything();

        Assert.Null(formulation.CircuitRow(0, 0, 0));
        Assert.NotNull(formulation.CircuitRow(1, 0, 0));
        Assert.NotNull(formulation.CircuitRow(1, 2, 1));
        Assert.Null(formulation.CircuitRow(1, 0, 2));
        Assert.Null(formulation.SiteRow(0));
    }

    [Fact]
    public void Exact_WholeModel_HasOneSwitchPerCurrent()
    {
        var model = SlotModel.Build(new ProblemBuilder().Charger("cp").Session("s", "cp", 0, 60, kwh: 2, maxA: 16).Build());
        using var formulation = PlanningFormulation.Exact(model, new ObjectiveTerms(model))!;

        formulation.AddEverything();

        Assert.True(formulation.Integral);
        Assert.Equal(4, formulation.Switches.Count);
    }

    [Fact]
    public void AddEverything_DeadlinePassed_StopsAndSaysSo()
    {
        var model = SlotModel.Build(new ProblemBuilder().Charger("cp").Session("s", "cp", 0, 60, kwh: 2, maxA: 16).Build());
        using var formulation = PlanningFormulation.Relaxation(model, new ObjectiveTerms(model));

        Assert.False(formulation.AddEverything(Scheduler.Optimizer.Solving.Deadline.Start(TimeSpan.Zero)));
    }
}
