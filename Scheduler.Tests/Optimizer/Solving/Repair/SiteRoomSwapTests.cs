using Scheduler.Optimizer.Solving;
using Scheduler.Optimizer.Solving.Grid;
using Scheduler.Optimizer.Solving.Pricing;
using Scheduler.Optimizer.Solving.Repair;
using Scheduler.Tests.Support;

namespace Scheduler.Tests.Optimizer.Solving.Repair;

/// <summary>At 230 V one amp is 0.69 kW on three phases (0.1725 kWh a slot) and 0.23 kW on one (0.0575 kWh).</summary>
public sealed class SiteRoomSwapTests
{
    [Fact]
    public void Apply_SiteRoomBelowAThreePhaseAmp_AOnePhaseSessionMovesAnAmpToFreeIt()
    {
        // "short" (three-phase, slot 0 only) runs 6 A of the 8 it needs; "mover" (one-phase) runs 10 A in both
        // slots. Slot 0 has 0.5 kW left under the site's limit, less than a three-phase amp; slot 1 has plenty.
        var model = Site(moverDepart: 30, moverKwh: 20 * 0.0575);
        var schedule = new Schedule(model);
        schedule.Set(0, 0, 6);
        schedule.Set(1, 0, 10);
        schedule.Set(1, 1, 10);

        SiteRoomSwap.Apply(schedule, new ObjectiveTerms(model), PeakThresholds.Current(schedule), Deadline.Start(null));

        // One amp more takes "short" back within its last amp-slot, which is as far as a swap goes.
        Assert.Equal(7, schedule.Currents[0][0]);
        Assert.Equal(20 * 0.0575, schedule.EnergyKwh(1), 9);
        Assert.Null(schedule.BreachIn(0));
        Assert.Null(schedule.BreachIn(1));
    }

    [Fact]
    public void Apply_NoOtherSlotForTheMover_LeavesTheScheduleAsItWas()
    {
        // As above, but "mover" is there in slot 0 only: it has nowhere to move an amp to.
        var model = Site(moverDepart: 15, moverKwh: 10 * 0.0575);
        var schedule = new Schedule(model);
        schedule.Set(0, 0, 6);
        schedule.Set(1, 0, 10);

        SiteRoomSwap.Apply(schedule, new ObjectiveTerms(model), PeakThresholds.Current(schedule), Deadline.Start(null));

        Assert.Equal(6, schedule.Currents[0][0]);
        Assert.Equal(10, schedule.Currents[1][0]);
    }

    // Slot 0 has 0.5 kW left under the site's limit with "short" at 6 A and "mover" at 10 A in it.
    private static SlotModel Site(int moverDepart, double moverKwh) =>
        SlotModel.Build(new ProblemBuilder()
            .Slots(2)
            .GridLimit((6 * 0.69) + (10 * 0.23) + 0.5)
            .Charger("a", minA: 1)
            .Charger("b", phases: 1, minA: 1)
            .Session("short", "a", 0, 15, kwh: 8 * 0.1725, maxA: 16)
            .Session("mover", "b", 0, moverDepart, kwh: moverKwh, maxA: 16, phases: 1)
            .Build());
}
