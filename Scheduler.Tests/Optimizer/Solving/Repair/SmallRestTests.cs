using Scheduler.Optimizer.Solving;
using Scheduler.Optimizer.Solving.Grid;
using Scheduler.Optimizer.Solving.Pricing;
using Scheduler.Optimizer.Solving.Repair;
using Scheduler.Tests.Support;

namespace Scheduler.Tests.Optimizer.Solving.Repair;

/// <summary>At 230 V three-phase, the 6 A minimum is 4.14 kW, and a whole slot at it gives 1.035 kWh.</summary>
public sealed class SmallRestTests
{
    [Fact]
    public void Open_LargeTopUpLeft_WeighsOnlyWhatTheSlotGivesAgainstThePeakItRaises()
    {
        // 50 kWh of top-up is worth 0.11 per kWh, 5.50 in all; a slot opened at the minimum gives 1.035 kWh of it
        // (worth 0.11) and raises the peak from nothing to 4.14 kW (4.14 at 1 per kW): not worth it.
        var model = Model(demandPerKw: 1);
        var schedule = new Schedule(model);

        SmallRest.Open(schedule, new ObjectiveTerms(model), 0, PeakThresholds.Current(schedule), mayRaisePeaks: true);

        Assert.All(schedule.Currents[0], a => Assert.Equal(0, a));
    }

    [Fact]
    public void Open_NoPeakToPay_OpensTheCheapestSlotAtTheMinimum()
    {
        // Without a demand charge the slot costs 0.10 per kWh against the 0.11 the top-up is worth.
        var model = Model(demandPerKw: 0);
        var schedule = new Schedule(model);

        SmallRest.Open(schedule, new ObjectiveTerms(model), 0, PeakThresholds.Current(schedule), mayRaisePeaks: true);

        Assert.Equal([0, 6, 0, 0], schedule.Currents[0]);
    }

    private static SlotModel Model(double demandPerKw)
    {
        var problem = new ProblemBuilder()
            .Charger("cp", minA: 6)
            .SlotPrices(0.10, 0.05, 0.10, 0.10)
            .DemandCharge(demandPerKw)
            .Session("s", "cp", 0, 60, kwh: 0.01, maxA: 16)
            .Build();
        return SlotModel.Build(problem with { Sessions = [problem.Sessions[0] with { TopUpKwh = 50 }] });
    }
}
