using Scheduler.Optimizer.Solving;
using Scheduler.Optimizer.Solving.Grid;
using Scheduler.Optimizer.Solving.Repair;
using Scheduler.Tests.Support;

namespace Scheduler.Tests.Optimizer.Solving.Repair;

public sealed class LimitGuardTests
{
    [Fact]
    public void Enforce_FeederOverloaded_LowersTheLargestCurrentUntilItFitsAndReportsNothingLeft()
    {
        // 16 + 10 A on a 20 A feeder: the 16 A session comes down to 10 A.
        var model = SlotModel.Build(new ProblemBuilder()
            .Slots(1)
            .Circuit("feeder", 20)
            .Charger("a", circuit: "feeder")
            .Charger("b", circuit: "feeder")
            .Session("sa", "a", 0, 15, kwh: 10, maxA: 16)
            .Session("sb", "b", 0, 15, kwh: 10, maxA: 16)
            .Build());
        var schedule = new Schedule(model);
        schedule.Set(0, 0, 16);
        schedule.Set(1, 0, 10);

        var unmended = LimitGuard.Enforce(schedule);

        Assert.Empty(unmended);
        Assert.Equal(20, schedule.Currents[0][0] + schedule.Currents[1][0]);
        Assert.Null(schedule.BreachIn(0));
    }

    [Fact]
    public void Enforce_CurrentWouldFallBelowTheMinimum_SetsItToZero()
    {
        var model = SlotModel.Build(new ProblemBuilder()
            .Slots(1)
            .Circuit("feeder", 5)
            .Charger("a", circuit: "feeder", minA: 6)
            .Session("sa", "a", 0, 15, kwh: 10, maxA: 16)
            .Build());
        var schedule = new Schedule(model);
        schedule.Set(0, 0, 6);

        LimitGuard.Enforce(schedule);

        Assert.Equal(0, schedule.Currents[0][0]);
    }
}
