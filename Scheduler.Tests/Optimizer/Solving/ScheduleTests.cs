using Scheduler.Optimizer.Solving;
using Scheduler.Optimizer.Solving.Grid;
using Scheduler.Tests.Support;

namespace Scheduler.Tests.Optimizer.Solving;

public sealed class ScheduleTests
{
    [Fact]
    public void RollBack_AfterSeveralChanges_RestoresEveryCurrentAndLoad()
    {
        var schedule = TwoSessionsOnOneFeeder();
        schedule.Set(0, 0, 10);
        var roomBefore = schedule.CircuitRoomA(0, 0, 0);
        var chargingBefore = schedule.ChargingKw(0);

        schedule.BeginTrial();
        schedule.Set(0, 0, 6);
        schedule.Set(1, 0, 8);
        schedule.Set(1, 0, 12);
        schedule.RollBack();

        Assert.Equal([10, 0], new[] { schedule.Currents[0][0], schedule.Currents[1][0] });
        Assert.Equal(roomBefore, schedule.CircuitRoomA(0, 0, 0), 9);
        Assert.Equal(chargingBefore, schedule.ChargingKw(0), 9);
    }

    [Fact]
    public void Keep_EndsTheTrialWithItsChanges_AndALaterRollBackDoesNotUndoThem()
    {
        var schedule = TwoSessionsOnOneFeeder();
        schedule.BeginTrial();
        schedule.Set(1, 0, 8);
        schedule.Keep();

        schedule.BeginTrial();
        schedule.Set(0, 0, 6);
        schedule.RollBack();

        Assert.Equal([0, 8], new[] { schedule.Currents[0][0], schedule.Currents[1][0] });
    }

    [Fact]
    public void BeginTrial_WhileOneIsOpen_Throws()
    {
        var schedule = TwoSessionsOnOneFeeder();
        schedule.BeginTrial();

        Assert.Throws<InvalidOperationException>(schedule.BeginTrial);
    }

    [Fact]
    public void RollBack_WithoutATrial_Throws()
    {
        Assert.Throws<InvalidOperationException>(TwoSessionsOnOneFeeder().RollBack);
    }

    private static Schedule TwoSessionsOnOneFeeder() =>
        new(SlotModel.Build(new ProblemBuilder()
            .Slots(1)
            .Circuit("feeder", 20)
            .Charger("a", circuit: "feeder")
            .Charger("b", circuit: "feeder")
            .Session("sa", "a", 0, 15, kwh: 10, maxA: 16)
            .Session("sb", "b", 0, 15, kwh: 10, maxA: 16)
            .Build()));
}
