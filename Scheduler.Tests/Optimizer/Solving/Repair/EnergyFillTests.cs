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

    private static SlotModel Model(double[] prices, double demandPerKw, double minA = 6) =>
        SlotModel.Build(new ProblemBuilder()
            .Charger("cp", minA: minA)
            .SlotPrices(prices)
            .DemandCharge(demandPerKw)
            .Session("s", "cp", 0, 60, kwh: 4.14, maxA: 16)
            .Build());
}
