using Scheduler.Optimizer.Solving;
using Scheduler.Optimizer.Solving.Grid;
using Scheduler.Optimizer.Solving.Pricing;
using Scheduler.Optimizer.Solving.Repair;
using Scheduler.Tests.Support;

namespace Scheduler.Tests.Optimizer.Solving.Repair;

/// <summary>At 230 V three-phase, one amp is 0.69 kW and one amp-slot 0.1725 kWh.</summary>
public sealed class AmpRoundingTests
{
    [Fact]
    public void Apply_OneAmpOfRoomForTwoShortSessions_GivesItToTheOneFurtherIntoThePenalty()
    {
        // A 21 A feeder for one slot: both sessions run at 10 A; "far" lacks two amp-slots, "near" lacks one.
        var model = SlotModel.Build(new ProblemBuilder()
            .Slots(1)
            .Circuit("feeder", 21)
            .Charger("a", circuit: "feeder")
            .Charger("b", circuit: "feeder")
            .Session("far", "a", 0, 15, kwh: 12 * 0.1725, maxA: 16)
            .Session("near", "b", 0, 15, kwh: 11 * 0.1725, maxA: 16)
            .Build());
        var schedule = new Schedule(model);
        schedule.Set(0, 0, 10);
        schedule.Set(1, 0, 10);

        AmpRounding.Apply(schedule, new ObjectiveTerms(model), [0, 1], PeakThresholds.Current(schedule));

        Assert.Equal([11, 10], new[] { schedule.Currents[0][0], schedule.Currents[1][0] });
    }

    [Fact]
    public void Apply_OwnSlotFull_ServesTheSessionThroughAnotherSessionsMove()
    {
        // The site lets in 8 A (5.52 kW) per slot. "short" can draw only in slot 0, which it shares with "mover" at
        // 4 A each, so slot 0 is full; "mover" can shift an amp to slot 1, where it runs 6 A and there is room.
        var model = SlotModel.Build(new ProblemBuilder()
            .Slots(2)
            .GridLimit(8 * 0.69)
            .Charger("a", minA: 1)
            .Charger("b", minA: 1)
            .Session("short", "a", 0, 15, kwh: 5 * 0.1725, maxA: 16)
            .Session("mover", "b", 0, 30, kwh: 10 * 0.1725, maxA: 16)
            .Build());
        var schedule = new Schedule(model);
        schedule.Set(0, 0, 4);
        schedule.Set(1, 0, 4);
        schedule.Set(1, 1, 6);

        AmpRounding.Apply(schedule, new ObjectiveTerms(model), [0], PeakThresholds.Current(schedule));

        Assert.Equal(5, schedule.Currents[0][0]);
        Assert.Equal(10 * 0.1725, schedule.EnergyKwh(1), 9);
        Assert.Null(schedule.BreachIn(0));
        Assert.Null(schedule.BreachIn(1));
    }
}
