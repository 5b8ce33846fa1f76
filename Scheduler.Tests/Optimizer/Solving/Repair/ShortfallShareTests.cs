using Scheduler.Optimizer.Solving;
using Scheduler.Optimizer.Solving.Assembly;
using Scheduler.Optimizer.Solving.Grid;
using Scheduler.Optimizer.Solving.Pricing;
using Scheduler.Optimizer.Solving.Repair;
using Scheduler.Tests.Support;

namespace Scheduler.Tests.Optimizer.Solving.Repair;

/// <summary>At 230 V three-phase one amp is 0.69 kW and one amp-slot 0.1725 kWh; every charger here has a 6 A minimum.</summary>
public sealed class ShortfallShareTests
{
    private const double AmpSlotKwh = 0.1725;

    [Fact]
    public void Apply_SiteFullWhereTheShortSessionIsOff_SixNeighboursGiveAnAmpEach()
    {
        // Slot 0 is full: six sessions at their full 8 A. "short" needs its minimum of 6 A there and has nothing.
        var model = Site(shortKwh: 6 * AmpSlotKwh, shortDepart: 15, giverA: 8);
        var schedule = Scheduled(model, giverA: 8);
        var terms = new ObjectiveTerms(model);
        var before = PlanAssembler.Objective(schedule, terms);

        ShortfallShare.Apply(schedule, terms, PeakThresholds.Current(schedule), Deadline.Start(null));

        Assert.Equal(6, schedule.Currents[0][0]);
        Assert.All(Enumerable.Range(1, 6), b => Assert.Equal(7, schedule.Currents[b][0]));
        Assert.Null(schedule.BreachIn(0));
        Assert.True(PlanAssembler.Objective(schedule, terms) < before, "the share pays");
    }

    [Fact]
    public void Apply_MinimumIsMoreThanTheShortSessionLacks_ItTakesTheExcessBackInAnotherSlot()
    {
        // "short" runs its full 16 A in slot 1 and lacks two amp-slots: its 6 A minimum in slot 0 would overshoot by
        // four, which it takes back from slot 1.
        var model = Site(shortKwh: 18 * AmpSlotKwh, shortDepart: 30, giverA: 8);
        var schedule = Scheduled(model, giverA: 8);
        schedule.Set(0, 1, 16);

        ShortfallShare.Apply(schedule, new ObjectiveTerms(model), PeakThresholds.Current(schedule), Deadline.Start(null));

        Assert.Equal([6, 12], schedule.Currents[0]);
        Assert.Equal(0, schedule.MissingKwh(0), 9);
        Assert.Null(schedule.BreachIn(0));
    }

    [Fact]
    public void Apply_NeighboursAtTheirMinimum_LeavesTheScheduleAsItWas()
    {
        // The six sessions in slot 0 run their 6 A minimum: none can give an amp and stay on.
        var model = Site(shortKwh: 6 * AmpSlotKwh, shortDepart: 15, giverA: 6);
        var schedule = Scheduled(model, giverA: 6);

        ShortfallShare.Apply(schedule, new ObjectiveTerms(model), PeakThresholds.Current(schedule), Deadline.Start(null));

        Assert.Equal(0, schedule.Currents[0][0]);
        Assert.All(Enumerable.Range(1, 6), b => Assert.Equal(6, schedule.Currents[b][0]));
    }

    // "short" on its own charger; six givers in slot 0 only, each asking for what it runs; the site's limit is
    // exactly what the givers draw.
    private static SlotModel Site(double shortKwh, int shortDepart, int giverA)
    {
        var builder = new ProblemBuilder().Slots(2).GridLimit(6 * giverA * 0.69).Charger("a", minA: 6)
            .Session("short", "a", 0, shortDepart, kwh: shortKwh, maxA: 16);
        for (var b = 1; b <= 6; b++)
        {
            builder.Charger($"g{b}", minA: 6).Session($"giver{b}", $"g{b}", 0, 15, kwh: giverA * AmpSlotKwh, maxA: 16);
        }

        return SlotModel.Build(builder.Build());
    }

    private static Schedule Scheduled(SlotModel model, int giverA)
    {
        var schedule = new Schedule(model);
        for (var b = 1; b <= 6; b++)
        {
            schedule.Set(b, 0, giverA);
        }

        return schedule;
    }
}
