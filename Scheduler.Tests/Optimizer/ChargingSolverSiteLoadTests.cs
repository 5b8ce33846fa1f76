using Scheduler.Optimizer.Plans;
using Scheduler.Optimizer.Solving;
using Scheduler.Tests.Support;

namespace Scheduler.Tests.Optimizer;

/// <summary>
/// The site's other load and sessions that cannot draw, worked out by hand. At 230 V three-phase one amp is
/// 0.69 kW and one amp-slot 0.1725 kWh.
/// </summary>
public sealed class ChargingSolverSiteLoadTests
{
    [Fact]
    public void Solve_OverlappingBaseLoads_AddUpForTheImportLimit()
    {
        // 8 + 5 kW of base load through a 20 kW connection leaves 7 kW: at most 10 A (6.9 kW).
        var problem = new ProblemBuilder()
            .GridLimit(20)
            .Charger("cp")
            .FlatPrice(0.20)
            .BaseLoad(0, 60, 8)
            .BaseLoad(0, 60, 5)
            .Session("s", "cp", 0, 60, kwh: 30, maxA: 32)
            .Build();

        var plan = ChargingSolver.Solve(problem);

        PlanChecker.AssertValid(problem, plan);
        Assert.Equal([10, 10, 10, 10], plan.Sessions[0].SlotCurrentsA);
        Assert.All(plan.SiteLoad, slot => Assert.True(slot.Kw <= 20 + 1e-9, $"{slot.Kw} kW"));
        Assert.All(plan.SiteLoad, slot => Assert.Equal(13, slot.BaseLoadKw, 9));
    }

    [Fact]
    public void Solve_NegativeBaseLoad_IsHeadroomForCharging()
    {
        // The site exports 5 kW, so a 3 kW connection lets 8 kW of charging in: 11 A (7.59 kW) is enough for 5 kWh.
        var problem = new ProblemBuilder()
            .GridLimit(3)
            .Charger("cp")
            .FlatPrice(0.20)
            .BaseLoad(0, 60, -5)
            .Session("s", "cp", 0, 60, kwh: 5, maxA: 16)
            .Build();

        var plan = ChargingSolver.Solve(problem);

        PlanChecker.AssertValid(problem, plan);
        Assert.InRange(plan.Sessions[0].DeliveredKwh, 5 - 0.1725, 5);
        Assert.All(plan.Sessions[0].SlotCurrentsA, a => Assert.InRange(a, 0, 11));
    }

    [Fact]
    public void Solve_VehicleMaximumBelowTheChargerMinimum_PlansItAtZeroWithANoteAndTheOthersInFull()
    {
        var problem = new ProblemBuilder()
            .Charger("odd", minA: 6)
            .Charger("cp")
            .FlatPrice(0.20)
            .Session("low", "odd", 0, 60, kwh: 2, maxA: 4)
            .Session("s", "cp", 0, 60, kwh: 2.76, maxA: 16)
            .Build();

        var plan = ChargingSolver.Solve(problem);

        PlanChecker.AssertValid(problem, plan);
        Assert.All(plan.Sessions[0].SlotCurrentsA, a => Assert.Equal(0, a));
        Assert.Equal(SessionNote.CannotDraw, plan.Sessions[0].Note?.Code);
        Assert.Null(plan.Sessions[1].Note);
        Assert.Equal(2.76, plan.Sessions[1].DeliveredKwh, 6);
    }
}
