using NodaTime;
using Scheduler.Optimizer.Model;
using Scheduler.Optimizer.Solving;
using Scheduler.Tests.Support;

namespace Scheduler.Tests.Optimizer;

/// <summary>
/// Small cases whose answer is worked out by hand. At 230 V a whole 15-minute slot at 16 A gives 2.76 kWh on three
/// phases and 0.92 kWh on one; one amp-slot is 0.1725 and 0.0575 kWh.
/// </summary>
public sealed class ChargingSolverExampleTests
{
    private const int Digits = 6;

    [Fact]
    public void Solve_VaryingPrices_ChargesInTheCheapestSlots()
    {
        // 4.14 kWh is 24 amp-slots: 16 A in the 0.10 slot, the other 8 in the 0.20 slot.
        var problem = new ProblemBuilder()
            .Charger("cp")
            .SlotPrices(0.30, 0.30, 0.10, 0.20)
            .Session("s", "cp", 0, 60, kwh: 4.14, maxA: 16)
            .Build();

        var plan = ChargingSolver.Solve(problem);

        PlanChecker.AssertValid(problem, plan);
        Assert.Equal([0, 0, 16, 8], plan.Sessions[0].SlotCurrentsA);
        Assert.Equal(4.14, plan.Sessions[0].DeliveredKwh, Digits);
        Assert.Equal((2.76 * 0.10) + (1.38 * 0.20), plan.EnergyCost, Digits);
        Assert.Equal(plan.EnergyCost, plan.Cost, Digits);
    }

    [Fact]
    public void Solve_NegativePrice_ChargesThereButNoMoreThanAsked()
    {
        var problem = new ProblemBuilder()
            .Charger("cp")
            .SlotPrices(0.20, -0.10, 0.30, 0.30)
            .Session("s", "cp", 0, 60, kwh: 2.76, maxA: 16)
            .Build();

        var plan = ChargingSolver.Solve(problem);

        PlanChecker.AssertValid(problem, plan);
        Assert.Equal([0, 16, 0, 0], plan.Sessions[0].SlotCurrentsA);
        Assert.Equal(-0.276, plan.EnergyCost, Digits);
    }

    [Fact]
    public void Solve_HourlyPriceOnQuarterHourSlots_ChargesInTheCheapHour()
    {
        var problem = new ProblemBuilder()
            .Slots(8)
            .Charger("cp")
            .Price(-60, 60, 0.30)
            .Price(60, 180, 0.10)
            .Session("s", "cp", 0, 120, kwh: 2.76, maxA: 16)
            .Build();

        var plan = ChargingSolver.Solve(problem);

        PlanChecker.AssertValid(problem, plan);
        Assert.All(plan.Sessions[0].SlotCurrentsA.Take(4), a => Assert.Equal(0, a));
        Assert.Equal(2.76, plan.Sessions[0].DeliveredKwh, Digits);
        Assert.Equal(0.276, plan.EnergyCost, Digits);
    }

    [Fact]
    public void Solve_TwoOnePhaseCarsOnOnePhase_FillTheFeederAndShareIt()
    {
        // Both load L1 of a 20 A feeder: 80 amp-slots in the hour for 128 wanted, 40 each when shared evenly.
        // The shortfall penalty is piecewise linear in 10 parts of each request, so the share is even to within
        // one part (10% of 3.68 kWh).
        var problem = new ProblemBuilder()
            .Circuit("feeder", 20)
            .Charger("a", maxA: 16, circuit: "feeder", phases: 1, rotation: PhaseRotation.RST)
            .Charger("b", maxA: 16, circuit: "feeder", phases: 1, rotation: PhaseRotation.RTS)
            .Session("sa", "a", 0, 60, kwh: 3.68, maxA: 16, phases: 1)
            .Session("sb", "b", 0, 60, kwh: 3.68, maxA: 16, phases: 1)
            .Build();

        var plan = ChargingSolver.Solve(problem);

        PlanChecker.AssertValid(problem, plan);
        Assert.Equal(4.6, plan.DeliveredKwh, Digits);
        Assert.InRange(plan.Sessions[0].DeliveredKwh, 2.3 - (0.1 * 3.68) - 1e-6, 2.3 + (0.1 * 3.68) + 1e-6);
        Assert.InRange(plan.Sessions[1].DeliveredKwh, 2.3 - (0.1 * 3.68) - 1e-6, 2.3 + (0.1 * 3.68) + 1e-6);
    }

    [Fact]
    public void Solve_OnePhaseCarsOnDifferentPhases_EachGetsAllItAsked()
    {
        var problem = new ProblemBuilder()
            .Circuit("feeder", 20)
            .Charger("a", maxA: 16, circuit: "feeder", phases: 1, rotation: PhaseRotation.RST)
            .Charger("b", maxA: 16, circuit: "feeder", phases: 1, rotation: PhaseRotation.SRT)
            .Session("sa", "a", 0, 60, kwh: 3.68, maxA: 16, phases: 1)
            .Session("sb", "b", 0, 60, kwh: 3.68, maxA: 16, phases: 1)
            .Build();

        var plan = ChargingSolver.Solve(problem);

        PlanChecker.AssertValid(problem, plan);
        Assert.Equal([16, 16, 16, 16], plan.Sessions[0].SlotCurrentsA);
        Assert.Equal([16, 16, 16, 16], plan.Sessions[1].SlotCurrentsA);
        Assert.Equal(0, plan.ShortfallKwh, Digits);
    }

    [Fact]
    public void Solve_DemandResponseCutToZero_MovesChargingOutOfIt()
    {
        // The cheap half hour is cut to 0 kW from 08:00 to 08:20, which closes slot 1 too.
        var problem = new ProblemBuilder()
            .Charger("cp")
            .SlotPrices(0.10, 0.10, 0.30, 0.30)
            .Signal(0, 20, maxImportKw: 0)
            .Session("s", "cp", 0, 60, kwh: 5.52, maxA: 16)
            .Build();

        var plan = ChargingSolver.Solve(problem);

        PlanChecker.AssertValid(problem, plan);
        Assert.Equal([0, 0, 16, 16], plan.Sessions[0].SlotCurrentsA);
        Assert.Equal([0, 0, 1_000, 1_000], plan.SiteLoad.Select(l => l.LimitKw));
    }

    [Fact]
    public void Solve_BaseLoadAboveTheLimit_ChargesNothingThen()
    {
        var problem = new ProblemBuilder()
            .GridLimit(20)
            .BaseLoad(0, 30, 25)
            .Charger("cp")
            .Session("s", "cp", 0, 60, kwh: 5.52, maxA: 16)
            .Build();

        var plan = ChargingSolver.Solve(problem);

        PlanChecker.AssertValid(problem, plan);
        Assert.Equal([0, 0, 16, 16], plan.Sessions[0].SlotCurrentsA);
    }

    [Fact]
    public void Solve_BaseLoadLeavesTenKilowatts_CurrentFitsUnderIt()
    {
        // 10 kW left at 0.69 kW per amp on three phases: 14 A.
        var problem = new ProblemBuilder()
            .GridLimit(20)
            .BaseLoad(-60, 120, 10)
            .Charger("cp")
            .Session("s", "cp", 0, 15, kwh: 2.76, maxA: 16)
            .Build();

        var plan = ChargingSolver.Solve(problem);

        PlanChecker.AssertValid(problem, plan);
        Assert.Equal([14, 0, 0, 0], plan.Sessions[0].SlotCurrentsA);
        Assert.Equal(14 * 0.1725, plan.Sessions[0].DeliveredKwh, Digits);
    }

    [Fact]
    public void Solve_ArrivalInsideASlot_UsesTheCoveredPart()
    {
        // Arrival 08:07: 8 of the first slot's 15 minutes, then a whole slot, at 16 A.
        var problem = new ProblemBuilder()
            .Charger("cp")
            .Session("s", "cp", 7, 30, kwh: 20, maxA: 16)
            .Build();

        var plan = ChargingSolver.Solve(problem);

        PlanChecker.AssertValid(problem, plan);
        Assert.Equal([16, 16, 0, 0], plan.Sessions[0].SlotCurrentsA);
        Assert.Equal(2.76 * ((8.0 / 15) + 1), plan.Sessions[0].DeliveredKwh, Digits);
        Assert.Equal(problem.Sessions[0].Arrival, plan.Sessions[0].Periods[0].Start);
    }

    [Fact]
    public void Solve_SmallRequestOnShortEdges_UsesPartlyCoveredSlots()
    {
        // 08:10–08:50: five minutes at each end. A whole slot at the 6 A minimum (1.035 kWh) is too much for 0.5 kWh;
        // the edges give 0.0575 kWh per amp together, so 8 A in all (0.46 kWh).
        var problem = new ProblemBuilder()
            .Charger("cp")
            .Session("s", "cp", 10, 50, kwh: 0.5, maxA: 16)
            .Build();

        var plan = ChargingSolver.Solve(problem);

        PlanChecker.AssertValid(problem, plan);
        Assert.Equal(0.46, plan.Sessions[0].DeliveredKwh, Digits);
    }

    [Theory]
    [InlineData("default")]
    [InlineData("without exact stage")]
    [InlineData("fallback")]
    public void Solve_CheapPartSlotAtFullCurrentWouldStrandTheRest_StillDeliversTheRequest(string path)
    {
        // Arrival 08:06 leaves 9 minutes of the cheap slot 0: 14 A there is 8.4 amp-slots, and the 1.6 still
        // wanted of the 10 asked (1.725 kWh) is below the 8 A minimum. 10 A in a whole slot delivers it all.
        var problem = new ProblemBuilder()
            .Slots(3)
            .Charger("cp", maxA: 14, minA: 8)
            .SlotPrices(0.10, 0.45, 0.45)
            .Session("s", "cp", 6, 45, kwh: 1.725, maxA: 16)
            .Build();
        var options = path switch
        {
            "default" => new SolverOptions(),
            "fallback" => new SolverOptions { TimeLimit = TimeSpan.Zero },
            _ => new SolverOptions { ExactStageMaxPairs = 0 },
        };

        var plan = ChargingSolver.Solve(problem, options);

        PlanChecker.AssertValid(problem, plan);
        Assert.Equal(1.725, plan.Sessions[0].DeliveredKwh, Digits);
    }

    [Fact]
    public void Solve_OnePhaseVehicleOnAThreePhaseCharger_ChargesOnOnePhase()
    {
        var problem = new ProblemBuilder()
            .Charger("cp")
            .Session("s", "cp", 0, 30, kwh: 10, maxA: 16, phases: 1)
            .Build();

        var plan = ChargingSolver.Solve(problem);

        PlanChecker.AssertValid(problem, plan);
        Assert.Equal(1, plan.Sessions[0].Phases);
        Assert.Equal(1.84, plan.Sessions[0].DeliveredKwh, Digits);
    }

    [Fact]
    public void Solve_DemandCharge_SpreadsChargingEvenly()
    {
        // 32 amp-slots over four slots: 8 A throughout keeps the peak at 5.52 kW.
        var problem = new ProblemBuilder()
            .Charger("cp")
            .DemandCharge(10)
            .Session("s", "cp", 0, 60, kwh: 5.52, maxA: 16)
            .Build();

        var plan = ChargingSolver.Solve(problem);

        PlanChecker.AssertValid(problem, plan);
        Assert.Equal([8, 8, 8, 8], plan.Sessions[0].SlotCurrentsA);
        Assert.Equal(5.52, plan.PeakKw, Digits);
        Assert.Equal(55.2, plan.DemandCost, Digits);
        Assert.Equal(5.52 * 0.25, plan.EnergyCost, Digits);
    }

    [Fact]
    public void Solve_RoomBelowTheMinimumCurrent_ChargesNothing()
    {
        // 1 kW is 4.3 A on one phase: below the 6 A a charger can signal.
        var problem = new ProblemBuilder()
            .GridLimit(1)
            .Charger("cp", phases: 1)
            .Session("s", "cp", 0, 60, kwh: 5, maxA: 16, phases: 1)
            .Build();

        var plan = ChargingSolver.Solve(problem);

        PlanChecker.AssertValid(problem, plan);
        Assert.Equal([0, 0, 0, 0], plan.Sessions[0].SlotCurrentsA);
        Assert.Equal(5, plan.ShortfallKwh, Digits);
    }

    [Theory]
    [InlineData("2026-03-29T00:00", "2026-03-30T00:00", 92)]
    [InlineData("2026-10-25T00:00", "2026-10-26T00:00", 100)]
    public void Solve_DaylightSavingDay_PlansEverySlotOfIt(string localStart, string localEnd, int slots)
    {
        var builder = new ProblemBuilder()
            .InZone("Europe/Amsterdam")
            .StartingAt(localStart)
            .EndingAtLocal(localEnd);
        var problem = builder
            .Charger("cp")
            .SlotPrices(Enumerable.Range(0, slots).Select(k => k % 7 * 0.05).ToArray())
            .Session("s", "cp", 30, (slots * 15) - 30, kwh: 27.6, maxA: 16)
            .Build();

        var plan = ChargingSolver.Solve(problem);

        PlanChecker.AssertValid(problem, plan);
        Assert.Equal(slots, plan.SiteLoad.Count);
        Assert.Equal(27.6, plan.Sessions[0].DeliveredKwh, Digits);
    }

    [Fact]
    public void Solve_TwoCarsAndOneCheapSlot_FillTheCheapSlotAndShareTheNextCheapest()
    {
        // Each car wants 16 amp-slots (2.76 kWh); the 20 A feeder lets 20 of the 32 into the 0.10 slot, and the
        // other 12 go to the 0.20 slot: 20 × 0.1725 × 0.10 + 12 × 0.1725 × 0.20 = 0.759.
        var problem = new ProblemBuilder()
            .Circuit("feeder", 20)
            .Charger("a", maxA: 16, circuit: "feeder")
            .Charger("b", maxA: 16, circuit: "feeder")
            .SlotPrices(0.30, 0.10, 0.30, 0.20)
            .Session("sa", "a", 0, 60, kwh: 2.76, maxA: 16)
            .Session("sb", "b", 0, 60, kwh: 2.76, maxA: 16)
            .Build();

        var plan = ChargingSolver.Solve(problem);

        PlanChecker.AssertValid(problem, plan);
        Assert.Equal(Scheduler.Optimizer.Plans.PlanStatus.Optimal, plan.Status);
        Assert.Equal(2.76, plan.Sessions[0].DeliveredKwh, Digits);
        Assert.Equal(2.76, plan.Sessions[1].DeliveredKwh, Digits);
        Assert.Equal(20, plan.Sessions[0].SlotCurrentsA[1] + plan.Sessions[1].SlotCurrentsA[1]);
        Assert.Equal(0.759, plan.EnergyCost, Digits);
        Assert.Equal(plan.Objective, plan.LowerBound!.Value, 4);
    }

    [Fact]
    public void Solve_DemandResponseCutsCapacityShort_SharesTheShortfallFairly()
    {
        // One hour, a 3-phase car per charger, each wanting 11.04 kWh (16 A all hour). A DR limit of 11.04 kW
        // (16 A on three phases for one car) leaves half of what they want: each gets about half.
        var problem = new ProblemBuilder()
            .Charger("a", maxA: 16)
            .Charger("b", maxA: 16)
            .Signal(0, 60, 11.04)
            .Session("sa", "a", 0, 60, kwh: 11.04, maxA: 16)
            .Session("sb", "b", 0, 60, kwh: 11.04, maxA: 16)
            .Build();

        var plan = ChargingSolver.Solve(problem);

        PlanChecker.AssertValid(problem, plan);
        Assert.Equal(11.04, plan.DeliveredKwh, Digits);
        Assert.InRange(plan.Sessions[0].DeliveredKwh, 5.52 - (0.05 * 11.04) - 1e-6, 5.52 + (0.05 * 11.04) + 1e-6);
        Assert.InRange(plan.Sessions[1].DeliveredKwh, 5.52 - (0.05 * 11.04) - 1e-6, 5.52 + (0.05 * 11.04) + 1e-6);
        Assert.Equal(11.04, plan.ShortfallKwh, Digits);
    }

    [Fact]
    public void Solve_LosAngelesSpringForward_PutsLocalPricesAndLimitsOnTheRightInstants()
    {
        // 2026-03-08 in Los Angeles has 23 hours: 02:00 PST becomes 03:00 PDT, so local 03:00 is 10:00Z and two
        // hours after local midnight. The cheap price runs 03:00–05:00 local; a DR event forbids import 03:00–04:00.
        var builder = new ProblemBuilder()
            .InZone("America/Los_Angeles")
            .StartingAt("2026-03-08T00:00")
            .EndingAtLocal("2026-03-09T00:00");
        var problem = builder
            .Charger("cp")
            .Price(0, 120, 0.30)
            .Price(120, 240, 0.05)
            .Price(240, 23 * 60, 0.30)
            .Signal(120, 180, 0)
            .Session("s", "cp", 0, 23 * 60, kwh: 2.76, maxA: 16)
            .Build();

        var plan = ChargingSolver.Solve(problem);

        PlanChecker.AssertValid(problem, plan);
        Assert.Equal(92, plan.SiteLoad.Count);
        var cheap = plan.SiteLoad.Where(l => l.PerKwh < 0.1).ToList();
        Assert.Equal(Instant.FromUtc(2026, 3, 8, 10, 0), cheap[0].Start);
        Assert.Equal(Instant.FromUtc(2026, 3, 8, 12, 0), cheap[^1].End);
        Assert.All(plan.SiteLoad.Where(l => l.LimitKw == 0), l => Assert.InRange(l.Start, Instant.FromUtc(2026, 3, 8, 10, 0), Instant.FromUtc(2026, 3, 8, 10, 45)));
        Assert.Equal(4, plan.SiteLoad.Count(l => l.LimitKw == 0));
        var charging = Assert.Single(plan.Sessions[0].Periods, p => p.CurrentA > 0);
        Assert.Equal(Instant.FromUtc(2026, 3, 8, 11, 0), charging.Start);
    }

    [Fact]
    public void Solve_LosAngelesFallBack_PutsTheLastLocalHourOnTheRightInstants()
    {
        // 2026-11-01 in Los Angeles has 25 hours: 01:00–02:00 comes twice. Local 23:00 PST is 2026-11-02T07:00Z,
        // 24 hours after local midnight; that hour is the cheap one.
        var builder = new ProblemBuilder()
            .InZone("America/Los_Angeles")
            .StartingAt("2026-11-01T00:00")
            .EndingAtLocal("2026-11-02T00:00");
        var problem = builder
            .Charger("cp")
            .Price(0, 24 * 60, 0.30)
            .Price(24 * 60, 25 * 60, 0.05)
            .Session("s", "cp", 0, 25 * 60, kwh: 2.76, maxA: 16)
            .Build();

        var plan = ChargingSolver.Solve(problem);

        PlanChecker.AssertValid(problem, plan);
        Assert.Equal(100, plan.SiteLoad.Count);
        Assert.Equal(Instant.FromUtc(2026, 11, 2, 7, 0), plan.SiteLoad.First(l => l.PerKwh < 0.1).Start);
        var charging = Assert.Single(plan.Sessions[0].Periods, p => p.CurrentA > 0);
        Assert.Equal(Instant.FromUtc(2026, 11, 2, 7, 0), charging.Start);
        Assert.Equal(2.76, plan.Sessions[0].DeliveredKwh, Digits);
    }
}
