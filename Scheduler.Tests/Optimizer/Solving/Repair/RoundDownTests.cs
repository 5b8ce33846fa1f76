using Scheduler.Optimizer.Solving.Grid;
using Scheduler.Optimizer.Solving.Repair;
using Scheduler.Tests.Support;

namespace Scheduler.Tests.Optimizer.Solving.Repair;

public sealed class RoundDownTests
{
    [Fact]
    public void Apply_FractionalCurrents_RoundsDownAndDropsThoseBelowTheMinimum()
    {
        var model = SlotModel.Build(new ProblemBuilder()
            .Charger("cp", minA: 6)
            .Session("s", "cp", 0, 60, kwh: 20, maxA: 16)
            .Build());

        var schedule = RoundDown.Apply(model, [[15.7, 5.99, 6.0, 0.4]]);

        Assert.Equal([15, 0, 6, 0], schedule.Currents[0]);
    }

    [Fact]
    public void Apply_CurrentsWithinOneMillionthOfAnAmp_CountAsWhole()
    {
        var model = SlotModel.Build(new ProblemBuilder().Charger("cp").Session("s", "cp", 0, 60, kwh: 20, maxA: 16).Build());

        var schedule = RoundDown.Apply(model, [[7.9999999, 8, 16.0000001, 0]]);

        Assert.Equal([8, 8, 16, 0], schedule.Currents[0]);
    }
}
