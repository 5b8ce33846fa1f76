using Scheduler.Optimizer.Solving;
using Scheduler.Optimizer.Solving.Grid;
using Scheduler.Optimizer.Solving.Pricing;
using Scheduler.Optimizer.Solving.Repair;
using Scheduler.Tests.Support;

namespace Scheduler.Tests.Optimizer.Solving.Repair;

/// <summary>At 230 V three-phase, 16 A is 11.04 kW and a whole slot at 16 A gives 2.76 kWh.</summary>
public sealed class EnergyFillTests
{
    [Fact]
    public void Apply_NoDemandCharge_FillsTheCheapestSlotsFirst()
    {
        var model = Model(prices: [0.30, 0.10, 0.20, 0.40], demandPerKw: 0);
        var schedule = new Schedule(model);

        EnergyFill.Apply(schedule, new ObjectiveTerms(model), [0], PeakThresholds.Current(schedule), PeakPolicy.Hold, Deadline.Start(null));

        Assert.Equal([0, 16, 8, 0], schedule.Currents[0]);
    }

    [Fact]
    public void Apply_HoldUnderAThreshold_StaysUnderItAndLeavesTheRestShort()
    {
        // A threshold of 5.52 kW allows 8 A per slot: 32 amp-slots of the 24 asked fit, spread at 8 A.
        var model = Model(prices: [0.30, 0.10, 0.20, 0.40], demandPerKw: 10);
        var schedule = new Schedule(model);

        EnergyFill.Apply(schedule, new ObjectiveTerms(model), [0], PeakThresholds.AtLeast(schedule, [5.52]), PeakPolicy.Hold, Deadline.Start(null));

        Assert.All(schedule.Currents[0], a => Assert.InRange(a, 0, 8));
        Assert.Equal(4.14, schedule.EnergyKwh(0), 9);
    }

    [Fact]
    public void Apply_RaiseInSmallSteps_PassesTheThresholdByNoMoreThanTheMissingAmps()
    {
        // Under a 2.76 kW threshold (4 A) the session cannot run at its 6 A minimum; raising, it takes 6 A where it
        // must, and the peak ends at the 6 A step, not at the session's 16 A maximum.
        var model = Model(prices: [0.30, 0.10, 0.20, 0.40], demandPerKw: 10, minA: 6);
        var schedule = new Schedule(model);
        var peaks = PeakThresholds.AtLeast(schedule, [2.76]);

        EnergyFill.Apply(schedule, new ObjectiveTerms(model), [0], peaks, PeakPolicy.RaiseInSmallSteps, Deadline.Start(null));

        Assert.Equal(4.14, schedule.EnergyKwh(0), 9);
        Assert.True(schedule.DemandPeaksKw()[0] <= (8 * 0.69) + 1e-9, $"peak {schedule.DemandPeaksKw()[0]}");
    }

    [Fact]
    public void Apply_AddOnly_DoesNotStartAgainOnWholeSlots()
    {
        // Arriving 6 minutes into slot 0 (the cheapest), 14 A there gives 8.4 of the 10 amp-slots asked. The 1.6 left
        // is below the 8 A minimum in any slot, and slot 0's 6 A above its minimum can give back only 3.6 of the 6.4
        // that opening another slot would overshoot. Adding to what it has stops there; starting again on whole
        // slots first delivers it all at 10 A in slot 1.
        var model = SlotModel.Build(new ProblemBuilder()
            .Slots(3)
            .Charger("cp", maxA: 14, minA: 8)
            .SlotPrices(0.10, 0.45, 0.45)
            .Session("s", "cp", 6, 45, kwh: 10 * 0.1725, maxA: 16)
            .Build());
        var added = new Schedule(model);
        var restarted = new Schedule(model);

        EnergyFill.Apply(added, new ObjectiveTerms(model), [0], PeakThresholds.Current(added), PeakPolicy.Hold, Deadline.Start(null), addOnly: true);
        EnergyFill.Apply(restarted, new ObjectiveTerms(model), [0], PeakThresholds.Current(restarted), PeakPolicy.Hold, Deadline.Start(null));

        Assert.Equal([14, 0, 0], added.Currents[0]);
        Assert.Equal([0, 10, 0], restarted.Currents[0]);
    }

    [Fact]
    public void Apply_RestSmallerThanTheMinimum_OpensASlotBeforeStartingAgain()
    {
        // Arriving 8 minutes into slot 0 (the cheapest), the session runs 16 A there and lacks 10 amp-slots; slot 1
        // has room for only 8 A under the site's limit, slot 2 for all. Its rest is opened at the minimum in slot 1
        // and topped up in slot 2, keeping most of slot 0; starting again on whole slots would give slot 1 its 8 A
        // first and move energy out of the cheapest slot.
        var model = SlotModel.Build(new ProblemBuilder()
            .Slots(3)
            .SlotPrices(0.10, 0.20, 0.30)
            .GridLimit(16 * 0.69)
            .BaseLoad(15, 30, 8 * 0.69)
            .Charger("cp", minA: 6)
            .Session("s", "cp", 8, 45, kwh: (16 * 0.1725 * 7 / 15) + (10 * 0.1725), maxA: 16)
            .Build());
        var schedule = new Schedule(model);
        schedule.Set(0, 0, 16);

        EnergyFill.Apply(schedule, new ObjectiveTerms(model), [0], PeakThresholds.Current(schedule), PeakPolicy.Hold, Deadline.Start(null));

        Assert.Equal([11, 6, 6], schedule.Currents[0]);
    }

    private static SlotModel Model(double[] prices, double demandPerKw, double minA = 6) =>
        SlotModel.Build(new ProblemBuilder()
            .Charger("cp", minA: minA)
            .SlotPrices(prices)
            .DemandCharge(demandPerKw)
            .Session("s", "cp", 0, 60, kwh: 4.14, maxA: 16)
            .Build());
}
