using Scheduler.Optimizer.Plans;
using Scheduler.Optimizer.Solving;
using Scheduler.Tests.Support;

namespace Scheduler.Tests.Optimizer;

/// <summary>
/// Demand charges worked out by hand. At 230 V three-phase, 16 A is 11.04 kW and one whole 15-minute slot at 16 A
/// gives 2.76 kWh.
/// </summary>
public sealed class ChargingSolverDemandChargeTests
{
    private const int Digits = 6;

    [Fact]
    public void Solve_ChargingOutsideTheDemandWindow_AddsNoDemandCharge()
    {
        // The on-peak charge covers the first hour; the second hour is as cheap and free of it.
        var problem = new ProblemBuilder()
            .Slots(8)
            .Charger("cp")
            .FlatPrice(0.20)
            .DemandCharge("on-peak", 10, 0, (0, 60))
            .Session("s", "cp", 0, 120, kwh: 2.76, maxA: 16)
            .Build();

        var plan = ChargingSolver.Solve(problem);

        PlanChecker.AssertValid(problem, plan);
        Assert.All(plan.Sessions[0].SlotCurrentsA.Take(4), a => Assert.Equal(0, a));
        Assert.Equal(2.76, plan.Sessions[0].DeliveredKwh, Digits);
        var bill = Assert.Single(plan.DemandCharges);
        Assert.Equal(("on-peak", 0.0, 0.0), (bill.ChargeId, bill.BilledKw, bill.Amount));
        Assert.Equal(4, bill.CoveredSlots);
    }

    [Fact]
    public void Solve_PeakAlreadyRecorded_ChargesUpToItAtNoDemandCost()
    {
        // 11.04 kW is paid for this month already, so the two cheap slots at full current cost nothing more.
        var problem = new ProblemBuilder()
            .Charger("cp")
            .SlotPrices(0.10, 0.10, 0.30, 0.30)
            .DemandCharge("facility", 10, peakSoFarKw: 11.04)
            .Session("s", "cp", 0, 60, kwh: 5.52, maxA: 16)
            .Build();

        var plan = ChargingSolver.Solve(problem);

        PlanChecker.AssertValid(problem, plan);
        Assert.Equal([16, 16, 0, 0], plan.Sessions[0].SlotCurrentsA);
        Assert.Equal(0, plan.DemandCost, Digits);
        Assert.Equal(11.04, plan.DemandCharges[0].PeakKw, Digits);
    }

    [Fact]
    public void Solve_EnergyDrawnEarlierInTheFirstSlot_CountsTowardItsPeak()
    {
        // Planned at minute 10: the site drew 2.76 kWh in the first ten minutes, the whole slot's 11.04 kW on average already,
        // so the first slot's last five minutes are dear while the three slots after it are free up to 11.04 kW.
        var problem = new ProblemBuilder()
            .Charger("cp")
            .SlotPrices(0.05, 0.10, 0.10, 0.10)
            .DemandCharge("facility", 10, peakSoFarKw: 11.04)
            .Session("s", "cp", 10, 60, kwh: 8.28, maxA: 16)
            .Build();

        var fresh = ChargingSolver.Solve(problem);
        var drawn = ChargingSolver.Solve(problem with { DrawnSoFarKwh = 2.76 });

        PlanChecker.AssertValid(problem, fresh);
        Assert.Equal(16, fresh.Sessions[0].SlotCurrentsA[0]);
        Assert.Equal([0, 16, 16, 16], drawn.Sessions[0].SlotCurrentsA);
        Assert.Equal(0, drawn.DemandCost, Digits);
        Assert.Equal(8.28, drawn.Sessions[0].DeliveredKwh, Digits);
    }

    [Fact]
    public void Solve_EnergyDrawnEarlierInTheFirstSlot_IsBilledWithIt()
    {
        // The first slot must carry up to 0.92 kWh more in its last five minutes (16 A): each amp there adds a third of
        // 0.69 kW to an average that the earlier ten minutes already brought to the recorded 11.04 kW.
        var problem = new ProblemBuilder()
            .Charger("cp")
            .FlatPrice(0.10)
            .DemandCharge("facility", 10, peakSoFarKw: 11.04)
            .Session("s", "cp", 10, 60, kwh: 9.2, maxA: 16)
            .Build() with { DrawnSoFarKwh = 2.76 };

        var plan = ChargingSolver.Solve(problem);

        var first = plan.Sessions[0].SlotCurrentsA[0];
        Assert.InRange(first, 1, 16);
        Assert.Equal(11.04 + (first * 0.69 / 3), plan.DemandCharges[0].PeakKw, Digits);
        Assert.Equal(10 * first * 0.69 / 3, plan.DemandCost, Digits);
    }

    [Fact]
    public void Solve_TopUp_FillsUpToTheRecordedPeakAndNoFurther()
    {
        // 5.52 kW (8 A) is paid already: the request of 2.76 kWh and as much top-up as fits under it, 8 A in every
        // slot, and not an amp more, though the top-up of 10 kWh could take 16 A throughout.
        var problem = new ProblemBuilder()
            .Charger("cp")
            .SlotPrices(0.10, 0.20, 0.30, 0.40)
            .DemandCharge("facility", 10, peakSoFarKw: 5.52)
            .Session("s", "cp", 0, 60, kwh: 2.76, maxA: 16)
            .Build();
        problem = problem with { Sessions = [problem.Sessions[0] with { TopUpKwh = 10 }] };

        var plan = ChargingSolver.Solve(problem);

        PlanChecker.AssertValid(problem, plan);
        Assert.Equal([8, 8, 8, 8], plan.Sessions[0].SlotCurrentsA);
        Assert.Equal(0, plan.DemandCost, Digits);
        Assert.Equal(2.76, plan.Sessions[0].RequestedKwh, Digits);
        Assert.Equal(5.52, plan.Sessions[0].DeliveredKwh, Digits);
        Assert.Equal(0, plan.Sessions[0].ShortfallKwh, Digits);
    }

    [Fact]
    public void Solve_TopUpWithNothingRecorded_RaisesNoPeakForIt()
    {
        // Nothing is paid yet: the request alone sets the peak (2.76 kWh over the hour needs 6 A, the charger's least,
        // in most slots), and the top-up takes only what that peak leaves: 6 A in every slot, no more.
        var problem = new ProblemBuilder()
            .Charger("cp")
            .FlatPrice(0.10)
            .DemandCharge("facility", 10)
            .Session("s", "cp", 0, 60, kwh: 2.76, maxA: 16)
            .Build();
        problem = problem with { Sessions = [problem.Sessions[0] with { TopUpKwh = 10 }] };

        var plan = ChargingSolver.Solve(problem);

        Assert.Equal([6, 6, 6, 6], plan.Sessions[0].SlotCurrentsA);
        Assert.Equal(4.14, plan.DemandCharges[0].PeakKw, Digits);
        Assert.Equal(4.14, plan.Sessions[0].DeliveredKwh, Digits);
    }

    [Fact]
    public void Solve_NothingRecorded_FlattensThePeak()
    {
        // The same request with no recorded peak: 8 A in all four slots halves the peak, which saves 55.2 of
        // demand charge against 0.552 more for energy.
        var problem = new ProblemBuilder()
            .Charger("cp")
            .SlotPrices(0.10, 0.10, 0.30, 0.30)
            .DemandCharge("facility", 10)
            .Session("s", "cp", 0, 60, kwh: 5.52, maxA: 16)
            .Build();

        var plan = ChargingSolver.Solve(problem);

        PlanChecker.AssertValid(problem, plan);
        Assert.Equal([8, 8, 8, 8], plan.Sessions[0].SlotCurrentsA);
        Assert.Equal(55.2, plan.DemandCost, Digits);
        Assert.Equal(5.52, plan.DemandCharges[0].BilledKw, Digits);
    }

    [Fact]
    public void Solve_TwoOverlappingCharges_KeepsTheDearOneAtZeroAndBillsTheOther()
    {
        // A facility charge over all hours and an on-peak charge over the second half-hour. Filling the first
        // half-hour at 16 A bills 11.04 kW × 5 = 55.2 and nothing on-peak; any current on-peak costs 10 more per kW.
        var problem = new ProblemBuilder()
            .Charger("cp")
            .FlatPrice(0.20)
            .DemandCharge("facility", 5)
            .DemandCharge("on-peak", 10, 0, (30, 60))
            .Session("s", "cp", 0, 60, kwh: 5.52, maxA: 16)
            .Build();

        var plan = ChargingSolver.Solve(problem);

        PlanChecker.AssertValid(problem, plan);
        Assert.Equal([16, 16, 0, 0], plan.Sessions[0].SlotCurrentsA);
        Assert.Equal([55.2, 0.0], plan.DemandCharges.Select(b => Math.Round(b.Amount, Digits)));
        Assert.Equal(55.2, plan.DemandCost, Digits);
    }
}
