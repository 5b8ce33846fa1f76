using Scheduler.Optimizer.Model;
using Scheduler.Optimizer.Plans;
using Scheduler.Tests.Support;
using Xunit.Sdk;

namespace Scheduler.Tests.Optimizer;

/// <summary>
/// The checker must catch hand-made bad plans, each for the right reason, and pass good ones: a checker that
/// cannot fail would let every solver bug through.
/// </summary>
public sealed class PlanCheckerTests
{
    /// <summary>Two one-phase chargers on L1 and one three-phase charger under a 20 A feeder.</summary>
    private static ProblemBuilder Feeder() => new ProblemBuilder()
        .Slots(4)
        .Circuit("feeder", 20)
        .Charger("cp-a", maxA: 16, circuit: "feeder", phases: 1, rotation: PhaseRotation.RST)
        .Charger("cp-b", maxA: 16, circuit: "feeder", phases: 1, rotation: PhaseRotation.RTS)
        .Charger("cp-c", maxA: 32, circuit: "feeder", phases: 3, rotation: PhaseRotation.TRS);

    [Fact]
    public void Violations_ConsistentPlanWithinEveryLimit_ReportsNothing()
    {
        var problem = Feeder()
            .Session("a", "cp-a", 0, 60, kwh: 5, maxA: 16, phases: 1)
            .Session("b", "cp-b", 7, 52, kwh: 5, maxA: 16, phases: 1)
            .Build();
        var plan = HandMadePlan.From(problem, [[10, 10, 10, 10], [10, 10, 10, 10]]);

        var violations = PlanChecker.Violations(problem, plan);

        Assert.Empty(violations);
    }

    [Fact]
    public void Violations_IdlePlanWhereLimitsBind_ReportsNothing()
    {
        var problem = Feeder()
            .Session("a", "cp-a", 0, 60, kwh: 5, maxA: 16, phases: 1)
            .Session("b", "cp-b", 0, 60, kwh: 5, maxA: 16, phases: 1)
            .Build();

        var violations = PlanChecker.Violations(problem, HandMadePlan.From(problem, HandMadePlan.Idle(problem)));

        Assert.Empty(violations);
    }

    [Fact]
    public void Violations_TwoOnePhaseCarsOverTheFeederOnL1_ReportsL1Only()
    {
        var problem = Feeder()
            .Session("a", "cp-a", 0, 60, kwh: 5, maxA: 16, phases: 1)
            .Session("b", "cp-b", 0, 60, kwh: 5, maxA: 16, phases: 1)
            .Build();
        var plan = HandMadePlan.From(problem, [[0, 12, 0, 0], [0, 12, 0, 0]]);

        var violations = PlanChecker.Violations(problem, plan);

        var violation = Assert.Single(violations);
        Assert.Contains("circuit 'feeder' L1 slot 1", violation);
        Assert.Contains("24 A > limit 20 A", violation);
    }

    [Fact]
    public void Violations_OnePhaseCarOnARotatedCharger_LoadsTheRotatedPhase()
    {
        // cp-c is wired TRS: its one-phase car draws from L3, where the three-phase car on cp-x also draws.
        var problem = Feeder()
            .Charger("cp-x", maxA: 16, circuit: "feeder", phases: 3, rotation: PhaseRotation.RST)
            .Session("one", "cp-c", 0, 60, kwh: 10, maxA: 16, phases: 1)
            .Session("three", "cp-x", 0, 60, kwh: 10, maxA: 16, phases: 3)
            .Build();
        var plan = HandMadePlan.From(problem, [[12, 0, 0, 0], [10, 0, 0, 0]]);

        var violations = PlanChecker.Violations(problem, plan);

        var violation = Assert.Single(violations);
        Assert.Contains("circuit 'feeder' L3 slot 0", violation);
    }

    [Fact]
    public void Violations_OnePhaseCarOnL1BesideThreePhaseLoadWithinLimits_ReportsNothing()
    {
        // 20 A on L1 and L2, 10 A on L3: a checker that put every one-phase load on L1 would see 30 A there.
        var problem = new ProblemBuilder()
            .Circuit("feeder", 20)
            .Charger("cp-l1", maxA: 16, circuit: "feeder", phases: 3, rotation: PhaseRotation.RTS)
            .Charger("cp-l2", maxA: 16, circuit: "feeder", phases: 1, rotation: PhaseRotation.SRT)
            .Charger("cp-x", maxA: 16, circuit: "feeder", phases: 3)
            .Session("one", "cp-l1", 0, 60, kwh: 10, maxA: 16, phases: 1)
            .Session("two", "cp-l2", 0, 60, kwh: 10, maxA: 16, phases: 3)
            .Session("three", "cp-x", 0, 60, kwh: 10, maxA: 16, phases: 3)
            .Build();
        var plan = HandMadePlan.From(problem, [[10, 0, 0, 0], [10, 0, 0, 0], [10, 0, 0, 0]]);

        Assert.Empty(PlanChecker.Violations(problem, plan));
    }

    [Fact]
    public void Violations_ThreePhaseCarOnOnePhaseChargerOverItsPhase_ReportsThatPhase()
    {
        // A three-phase car on a one-phase charger charges on one phase only: the charger's first (L2 for STR).
        var problem = new ProblemBuilder()
            .Circuit("feeder", 20)
            .Charger("cp-l2", maxA: 16, circuit: "feeder", phases: 1, rotation: PhaseRotation.STR)
            .Charger("cp-y", maxA: 16, circuit: "feeder", phases: 1, rotation: PhaseRotation.SRT)
            .Session("a", "cp-l2", 0, 60, kwh: 10, maxA: 16, phases: 3)
            .Session("b", "cp-y", 0, 60, kwh: 10, maxA: 16, phases: 1)
            .Build();
        var plan = HandMadePlan.From(problem, [[0, 0, 16, 0], [0, 0, 16, 0]]);

        var violations = PlanChecker.Violations(problem, plan);

        var violation = Assert.Single(violations);
        Assert.Contains("circuit 'feeder' L2 slot 2", violation);
    }

    [Fact]
    public void Violations_CircuitOverloadTwoLevelsUp_ReportsTheAncestor()
    {
        var problem = new ProblemBuilder()
            .Circuit("main", 25)
            .Circuit("left", 20, parent: "main")
            .Circuit("right", 20, parent: "main")
            .Charger("cp-l", maxA: 16, circuit: "left")
            .Charger("cp-r", maxA: 16, circuit: "right")
            .Session("l", "cp-l", 0, 60, kwh: 20, maxA: 16)
            .Session("r", "cp-r", 0, 60, kwh: 20, maxA: 16)
            .Build();
        var plan = HandMadePlan.From(problem, [[16, 0, 0, 0], [16, 0, 0, 0]]);

        var violations = PlanChecker.Violations(problem, plan);

        Assert.Equal(3, violations.Count);
        Assert.All(violations, v => Assert.Contains("circuit 'main'", v));
    }

    [Fact]
    public void Violations_SessionsThatFollowEachOtherWithinOneSlot_BothCount()
    {
        // a leaves at 08:07 and b arrives at 08:08: never at once, but both are in slot 0, and the plan's grid
        // cannot tell the charger where in the slot its current holds.
        var problem = Feeder()
            .Session("a", "cp-a", -30, 7, kwh: 5, maxA: 16, phases: 1)
            .Session("b", "cp-b", 8, 60, kwh: 5, maxA: 16, phases: 1)
            .Build();
        var plan = HandMadePlan.From(problem, [[16, 0, 0, 0], [16, 0, 0, 0]]);

        var violations = PlanChecker.Violations(problem, plan);

        Assert.Contains(violations, v => v.Contains("circuit 'feeder' L1 slot 0", StringComparison.Ordinal));
    }

    [Fact]
    public void Violations_ThreeAmps_ReportsBelowTheMinimum()
    {
        var problem = Feeder().Session("a", "cp-a", 0, 60, kwh: 0.2, maxA: 16, phases: 1).Build();
        var plan = HandMadePlan.From(problem, [[0, 3, 0, 0]]);

        var violations = PlanChecker.Violations(problem, plan);

        var violation = Assert.Single(violations);
        Assert.Contains("session 'a' slot 1", violation);
        Assert.Contains("3 A is between 0 and the minimum 6 A", violation);
    }

    [Fact]
    public void Violations_BelowTheVehiclesHigherMinimum_ReportsIt()
    {
        var problem = Feeder().Session("a", "cp-a", 0, 60, kwh: 0.45, maxA: 16, phases: 1, minA: 8).Build();
        var plan = HandMadePlan.From(problem, [[7, 0, 0, 0]]);

        var violation = Assert.Single(PlanChecker.Violations(problem, plan));

        Assert.Contains("minimum 8 A", violation);
    }

    [Fact]
    public void Violations_AboveTheVehiclesMaximum_ReportsIt()
    {
        var problem = Feeder().Session("a", "cp-c", 0, 60, kwh: 50, maxA: 13).Build();
        var plan = HandMadePlan.From(problem, [[14, 13, 13, 13]]);

        var violation = Assert.Single(PlanChecker.Violations(problem, plan));

        Assert.Contains("session 'a' slot 0", violation);
        Assert.Contains("14 A is above the maximum 13 A", violation);
    }

    [Fact]
    public void Violations_CurrentBeforeArrival_ReportsOutsideTheWindow()
    {
        var problem = Feeder().Session("a", "cp-a", 20, 60, kwh: 5, maxA: 16, phases: 1).Build();
        var plan = HandMadePlan.From(problem, [[10, 10, 16, 16]]);

        var violation = Assert.Single(PlanChecker.Violations(problem, plan));

        Assert.Contains("session 'a' slot 0", violation);
        Assert.Contains("outside its window", violation);
    }

    [Fact]
    public void Violations_CurrentInAPartlyCoveredSlot_IsAllowed()
    {
        // Arrival 08:07: the 08:00 slot may be used for its last 8 minutes.
        var problem = Feeder().Session("a", "cp-a", 7, 60, kwh: 5, maxA: 16, phases: 1).Build();
        var plan = HandMadePlan.From(problem, [[16, 16, 16, 16]]);

        Assert.Empty(PlanChecker.Violations(problem, plan));
        Assert.Equal(230 * 16 * 0.25 * ((8.0 / 15) + 3) / 1000, plan.Sessions[0].DeliveredKwh, 9);
    }

    [Fact]
    public void Violations_PeriodReachingBeforeArrival_ReportsIt()
    {
        var problem = Feeder().Session("a", "cp-a", 7, 60, kwh: 5, maxA: 16, phases: 1).Build();
        var plan = HandMadePlan.From(problem, [[16, 16, 16, 16]]);
        var sessionPlan = plan.Sessions[0];
        var periods = sessionPlan.Periods.ToList();
        periods[0] = periods[0] with { Start = problem.Window.Start };
        var bad = plan with { Sessions = [sessionPlan with { Periods = periods }] };

        var violations = PlanChecker.Violations(problem, bad);

        Assert.Contains(violations, v => v.Contains("outside the session's window", StringComparison.Ordinal));
    }

    [Fact]
    public void Violations_PeriodsThatDisagreeWithTheSlots_ReportsIt()
    {
        var problem = Feeder().Session("a", "cp-a", 0, 60, kwh: 5, maxA: 16, phases: 1).Build();
        var plan = HandMadePlan.From(problem, [[16, 16, 0, 0]]);
        var sessionPlan = plan.Sessions[0];
        var bad = plan with { Sessions = [sessionPlan with { SlotCurrentsA = [16, 8, 0, 0] }] };

        var violations = PlanChecker.Violations(problem, bad);

        Assert.Contains(violations, v => v.Contains("slot 1", StringComparison.Ordinal) && v.Contains("has 8 A in SlotCurrentsA", StringComparison.Ordinal));
    }

    [Fact]
    public void Violations_ChargingWithoutPeriods_ReportsUndescribedCurrent()
    {
        var problem = Feeder().Session("a", "cp-a", 0, 60, kwh: 5, maxA: 16, phases: 1).Build();
        var plan = HandMadePlan.From(problem, [[16, 0, 0, 0]]);
        var bad = plan with { Sessions = [plan.Sessions[0] with { Periods = [] }] };

        var violations = PlanChecker.Violations(problem, bad);

        Assert.Contains(violations, v => v.Contains("periods describe only", StringComparison.Ordinal));
    }

    [Fact]
    public void Violations_MoreEnergyThanRequested_ReportsOverDelivery()
    {
        // 16 A on three phases for a slot is 2.76 kWh; 1 kWh was asked for.
        var problem = Feeder().Session("a", "cp-c", 0, 60, kwh: 1, maxA: 16).Build();
        var plan = HandMadePlan.From(problem, [[16, 0, 0, 0]]);

        var violation = Assert.Single(PlanChecker.Violations(problem, plan));

        Assert.Contains("delivers 2.76 kWh, more than the 1 kWh requested", violation);
    }

    [Fact]
    public void Violations_OverTheDemandResponseLimit_ReportsTheSignal()
    {
        // The signal covers 08:20–08:25, so all of slot 1 (08:15–08:30) gets its 5 kW.
        var problem = Feeder()
            .Signal(20, 25, maxImportKw: 5, id: "dr-7")
            .Session("a", "cp-c", 0, 60, kwh: 20, maxA: 16)
            .Build();
        var plan = HandMadePlan.From(problem, [[16, 16, 16, 16]]);

        var violation = Assert.Single(PlanChecker.Violations(problem, plan));

        Assert.Contains("site slot 1", violation);
        Assert.Contains("11.04 kW", violation);
        Assert.Contains("limit 5 kW (grid signal dr-7)", violation);
    }

    [Fact]
    public void Violations_OverTheGridConnectionWithBaseLoad_ReportsTheImport()
    {
        var problem = Feeder()
            .GridLimit(15)
            .BaseLoad(15, 30, 5)
            .Session("a", "cp-c", 0, 60, kwh: 20, maxA: 16)
            .Build();
        var plan = HandMadePlan.From(problem, [[16, 16, 0, 0]]);

        var violation = Assert.Single(PlanChecker.Violations(problem, plan));

        Assert.Contains("site slot 1", violation);
        Assert.Contains("base 5 + charging 11.04", violation);
    }

    [Fact]
    public void Violations_ChargingWhileBaseLoadAloneExceedsTheLimit_ReportsIt()
    {
        var problem = Feeder()
            .GridLimit(15)
            .BaseLoad(0, 60, 16)
            .Session("a", "cp-a", 0, 60, kwh: 20, maxA: 16, phases: 1)
            .Build();

        var idle = PlanChecker.Violations(problem, HandMadePlan.From(problem, HandMadePlan.Idle(problem)));
        var charging = PlanChecker.Violations(problem, HandMadePlan.From(problem, [[0, 0, 0, 6]]));

        Assert.Empty(idle);
        Assert.Contains("base load 16 kW alone exceeds the limit 15 kW", Assert.Single(charging));
    }

    [Fact]
    public void Violations_UnconstrainedSessionLeftShort_ReportsInvariantFour()
    {
        var problem = Feeder().Session("a", "cp-c", 0, 60, kwh: 4.14, maxA: 16).Build();
        var plan = HandMadePlan.From(problem, [[16, 0, 0, 0]]);

        var violation = Assert.Single(PlanChecker.Violations(problem, plan));

        Assert.Contains("no limit binds it, yet it gets 2.76 kWh of 4.14 requested, less than the 3.9675 kWh it must get", violation);
    }

    [Fact]
    public void Violations_UnconstrainedSessionWithinOneAmpSlot_ReportsNothing()
    {
        // 4.14 kWh is 24 amp-slots at 0.1725 kWh each; 23 is within one.
        var problem = Feeder().Session("a", "cp-c", 0, 60, kwh: 4.14, maxA: 16).Build();
        var plan = HandMadePlan.From(problem, [[16, 0, 7, 0]]);

        Assert.Empty(PlanChecker.Violations(problem, plan));
    }

    [Fact]
    public void Violations_UnconstrainedRequestThatCannotFit_RequiresFullPowerWhileFullyPlugged()
    {
        // From 08:10 to 08:50, 16 A on three phases: two full slots (5.52 kWh) of the 20 kWh asked.
        var problem = Feeder().Session("a", "cp-c", 10, 50, kwh: 20, maxA: 16).Build();

        var full = PlanChecker.Violations(problem, HandMadePlan.From(problem, [[0, 16, 16, 0]]));
        var less = PlanChecker.Violations(problem, HandMadePlan.From(problem, [[0, 16, 15, 0]]));

        Assert.Empty(full);
        Assert.Contains("less than the 5.52 kWh it must get", Assert.Single(less));
    }

    [Fact]
    public void Violations_RequestBetweenReachableAmounts_AcceptsTheBestBelowIt()
    {
        // 6–10 A on one phase for two slots reach 6–10 or 12–20 amp-slots; 11.5 asked, so 10 is the best,
        // though it is more than one amp-slot short.
        var problem = new ProblemBuilder()
            .Charger("cp", maxA: 10, phases: 1)
            .Session("a", "cp", 0, 30, kwh: 11.5 * 230 * 0.25 / 1000, maxA: 10, phases: 1)
            .Build();

        var best = PlanChecker.Violations(problem, HandMadePlan.From(problem, [[10, 0, 0, 0]]));
        var worse = PlanChecker.Violations(problem, HandMadePlan.From(problem, [[9, 0, 0, 0]]));

        Assert.Empty(best);
        Assert.Contains("less than the 0.575 kWh it must get (whole amps reach 0.575 kWh)", Assert.Single(worse));
    }

    [Fact]
    public void Violations_InconsistentFields_ReportsEach()
    {
        var problem = Feeder()
            .Signal(0, 15, maxImportKw: 50)
            .Session("a", "cp-c", 0, 60, kwh: 20, maxA: 16)
            .Session("b", "cp-a", 0, 60, kwh: 2, maxA: 16, phases: 1)
            .Build();
        var plan = HandMadePlan.From(problem, [[16, 16, 0, 0], [0, 0, 16, 16]]);
        var bad = plan with
        {
            Cost = plan.Cost + 1,
            LowerBound = plan.Objective + 1,
            Status = PlanStatus.Fallback,
            FallbackReason = null,
            Sessions = [plan.Sessions[1], plan.Sessions[0] with { DeliveredKwh = 1 }],
            SiteLoad = [plan.SiteLoad[0] with { LimitKw = 1_000 }, .. plan.SiteLoad.Skip(1)],
        };

        var violations = PlanChecker.Violations(problem, bad);

        Assert.Contains(violations, v => v.StartsWith("plan session #0 is 'b'", StringComparison.Ordinal));
        Assert.Contains(violations, v => v.StartsWith("Cost ", StringComparison.Ordinal));
        Assert.Contains(violations, v => v.StartsWith("LowerBound ", StringComparison.Ordinal));
        Assert.Contains(violations, v => v.Contains("without a FallbackReason", StringComparison.Ordinal));
        Assert.Contains(violations, v => v.Contains("LimitKw 1000, expected 50", StringComparison.Ordinal));
    }

    [Fact]
    public void Violations_WrongDeliveredAndShortfall_ReportsBoth()
    {
        var problem = Feeder().Session("a", "cp-a", 0, 60, kwh: 2, maxA: 16, phases: 1).Build();
        var plan = HandMadePlan.From(problem, [[16, 0, 0, 0]]);
        var bad = plan with { Sessions = [plan.Sessions[0] with { DeliveredKwh = 2, ShortfallKwh = 1 }] };

        var violations = PlanChecker.Violations(problem, bad);

        Assert.Contains(violations, v => v.Contains("DeliveredKwh 2, but its currents deliver 0.92 kWh", StringComparison.Ordinal));
        Assert.Contains(violations, v => v.Contains("ShortfallKwh 1 is not requested 2 − delivered 2", StringComparison.Ordinal));
    }

    [Fact]
    public void Violations_EnergyCostAtTheWrongPrice_ReportsIt()
    {
        // Slot 0 costs 0.10 for 5 minutes and 0.40 for 10: 0.30 on average.
        var problem = Feeder()
            .Price(-60, 5, 0.10)
            .Price(5, 120, 0.40)
            .Session("a", "cp-c", 0, 60, kwh: 2.76, maxA: 16)
            .Build();
        var plan = HandMadePlan.From(problem, [[16, 0, 0, 0]]);
        var atSlotStartPrice = plan with { EnergyCost = 2.76 * 0.10, Cost = 2.76 * 0.10, Objective = 2.76 * 0.10 };

        var good = PlanChecker.Violations(problem, plan);
        var bad = PlanChecker.Violations(problem, atSlotStartPrice);

        Assert.Empty(good);
        Assert.Equal(2.76 * 0.30, plan.EnergyCost, 9);
        Assert.Contains(bad, v => v.StartsWith("EnergyCost 0.276, but Σ price × charging energy is 0.828", StringComparison.Ordinal));
    }

    [Fact]
    public void AssertValid_BadPlan_FailsListingTheViolations()
    {
        var problem = Feeder().Session("a", "cp-a", 0, 60, kwh: 0.2, maxA: 16, phases: 1).Build();
        var plan = HandMadePlan.From(problem, [[3, 0, 0, 0]]);

        var failure = Assert.ThrowsAny<XunitException>(() => PlanChecker.AssertValid(problem, plan));

        Assert.Contains("1 violation(s)", failure.Message);
        Assert.Contains("3 A is between 0 and the minimum 6 A", failure.Message);
    }
}
