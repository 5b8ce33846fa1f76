using System.Globalization;
using NodaTime;
using Scheduler.Optimizer.Model;
using Scheduler.Optimizer.Plans;

namespace Scheduler.Tests.Support;

/// <summary>
/// Checks a plan against the safety invariants of DESIGN.md §6 and against its own fields, with the model's
/// semantics recomputed independently (<see cref="ProblemFacts"/>). Every violation is one readable line naming
/// the session or circuit, the slot, the limit and the value.
/// </summary>
public static class PlanChecker
{
    /// <summary>The slack allowed on every limit and every recomputed figure.</summary>
    public const double Tolerance = 1e-6;

    /// <summary>How many violations <see cref="AssertValid"/> lists before it stops.</summary>
    private const int MaxListed = 40;

    /// <summary>Fails the test, listing the violations, unless the plan keeps every invariant and its fields agree.</summary>
    public static void AssertValid(PlanningProblem problem, Plan plan)
    {
        var violations = Violations(problem, plan);
        if (violations.Count > 0)
        {
            var listed = violations.Take(MaxListed).Select(v => "  - " + v);
            var more = violations.Count > MaxListed ? $"{Environment.NewLine}  … and {violations.Count - MaxListed} more" : string.Empty;
            Assert.Fail($"The plan has {violations.Count} violation(s):{Environment.NewLine}{string.Join(Environment.NewLine, listed)}{more}");
        }
    }

    /// <summary>Every violation found, in a stable order; empty when the plan is valid.</summary>
    public static IReadOnlyList<string> Violations(PlanningProblem problem, Plan plan)
    {
        var facts = new ProblemFacts(problem);
        var violations = new List<string>();
        if (!CheckShape(facts, plan, violations))
        {
            // Without one schedule per session and one current per slot nothing else can be read.
            return violations;
        }

        for (var i = 0; i < problem.Sessions.Count; i++)
        {
            CheckCurrents(facts, plan, i, violations);
            CheckEnergy(facts, plan, i, violations);
            CheckPeriods(facts, plan, i, violations);
        }

        CheckCircuits(facts, plan, violations);
        CheckSite(facts, plan, violations);
        CheckSiteLoad(facts, plan, violations);
        CheckCosts(facts, plan, violations);
        CheckDeliverable(facts, plan, violations);
        return violations;
    }

    /// <summary>Checks the plan's frame; false when it has too few sessions or slots to be read further.</summary>
    private static bool CheckShape(ProblemFacts facts, Plan plan, List<string> violations)
    {
        var problem = facts.Problem;
        if (plan.Window != problem.Window)
        {
            violations.Add($"plan window {plan.Window.Start}–{plan.Window.End} / {plan.Window.SlotLength} is not the problem's {problem.Window.Start}–{problem.Window.End} / {problem.Window.SlotLength}");
        }

        if (plan.Currency != problem.Tariff.Currency)
        {
            violations.Add($"plan currency '{plan.Currency}' is not the tariff's '{problem.Tariff.Currency}'");
        }

        if (plan.Sessions.Count != problem.Sessions.Count)
        {
            violations.Add($"plan has {plan.Sessions.Count} session plans for {problem.Sessions.Count} sessions");
            return false;
        }

        var readable = true;

        for (var i = 0; i < problem.Sessions.Count; i++)
        {
            var session = problem.Sessions[i];
            var sessionPlan = plan.Sessions[i];
            if (sessionPlan.SessionId != session.Id)
            {
                violations.Add($"plan session #{i} is '{sessionPlan.SessionId}', expected '{session.Id}' (problem order)");
            }

            if (sessionPlan.ChargerId != session.ChargerId)
            {
                violations.Add($"session '{session.Id}': charger '{sessionPlan.ChargerId}', expected '{session.ChargerId}'");
            }

            if (sessionPlan.SlotCurrentsA.Count != facts.SlotCount)
            {
                violations.Add($"session '{session.Id}': {sessionPlan.SlotCurrentsA.Count} slot currents for {facts.SlotCount} slots");
                readable = false;
            }
        }

        return readable;
    }

    /// <summary>Invariant 2: no current outside the window, above the maximum, or between 0 and the minimum.</summary>
    private static void CheckCurrents(ProblemFacts facts, Plan plan, int i, List<string> violations)
    {
        var id = facts.Problem.Sessions[i].Id;
        var currents = plan.Sessions[i].SlotCurrentsA;
        for (var k = 0; k < facts.SlotCount; k++)
        {
            var current = currents[k];
            if (current == 0)
            {
                continue;
            }

            if (!facts.IsPresent(i, k))
            {
                violations.Add($"session '{id}' {Slot(facts, k)}: {current} A outside its window {facts.Problem.Sessions[i].Arrival}–{facts.Problem.Sessions[i].Departure}");
            }
            else if (current < 0)
            {
                violations.Add($"session '{id}' {Slot(facts, k)}: negative current {current} A");
            }
            else if (current < facts.MinA(i) - Tolerance)
            {
                violations.Add($"session '{id}' {Slot(facts, k)}: {current} A is between 0 and the minimum {Num(facts.MinA(i))} A");
            }
            else if (current > facts.MaxA(i) + Tolerance)
            {
                violations.Add($"session '{id}' {Slot(facts, k)}: {current} A is above the maximum {Num(facts.MaxA(i))} A");
            }
        }
    }

    /// <summary>Invariant 3 and the energy fields: delivered as recomputed from the currents, never above the request.</summary>
    private static void CheckEnergy(ProblemFacts facts, Plan plan, int i, List<string> violations)
    {
        var session = facts.Problem.Sessions[i];
        var sessionPlan = plan.Sessions[i];
        var delivered = Enumerable.Range(0, facts.SlotCount).Sum(k => sessionPlan.SlotCurrentsA[k] * facts.KwhPerAmp(i, k));
        if (delivered > session.EnergyKwh + session.TopUpKwh + Tolerance)
        {
            violations.Add($"session '{session.Id}': delivers {Num(delivered)} kWh, more than the {Num(session.EnergyKwh)} kWh requested and {Num(session.TopUpKwh)} kWh of top-up");
        }

        if (Math.Abs(sessionPlan.DeliveredKwh - delivered) > Tolerance)
        {
            violations.Add($"session '{session.Id}': DeliveredKwh {Num(sessionPlan.DeliveredKwh)}, but its currents deliver {Num(delivered)} kWh");
        }

        if (Math.Abs(sessionPlan.RequestedKwh - session.EnergyKwh) > Tolerance)
        {
            violations.Add($"session '{session.Id}': RequestedKwh {Num(sessionPlan.RequestedKwh)}, but the session asks {Num(session.EnergyKwh)} kWh");
        }

        var shortfall = session.EnergyKwh - sessionPlan.DeliveredKwh;
        if (Math.Abs(sessionPlan.ShortfallKwh - (session.TopUpKwh > 0 ? Math.Max(0, shortfall) : shortfall)) > Tolerance)
        {
            violations.Add($"session '{session.Id}': ShortfallKwh {Num(sessionPlan.ShortfallKwh)} is not requested {Num(session.EnergyKwh)} − delivered {Num(sessionPlan.DeliveredKwh)}");
        }

        if (sessionPlan.Phases != facts.Phases(i))
        {
            violations.Add($"session '{session.Id}': Phases {sessionPlan.Phases}, expected {facts.Phases(i)} (the lower of vehicle and charger)");
        }
    }

    /// <summary>The periods say the same as the slot currents, and never reach outside [arrival, departure).</summary>
    private static void CheckPeriods(ProblemFacts facts, Plan plan, int i, List<string> violations)
    {
        var session = facts.Problem.Sessions[i];
        var sessionPlan = plan.Sessions[i];
        var periods = sessionPlan.Periods;
        for (var p = 0; p < periods.Count; p++)
        {
            var period = periods[p];
            var label = $"session '{session.Id}' period {p} ({period.Start}–{period.End}, {period.CurrentA} A)";
            if (period.End <= period.Start)
            {
                violations.Add($"{label}: empty or reversed");
                continue;
            }

            if (period.Start < session.Arrival || period.End > session.Departure)
            {
                violations.Add($"{label}: outside the session's window {session.Arrival}–{session.Departure}");
            }

            if (period.Start < facts.Window.Start || period.End > facts.Window.End)
            {
                violations.Add($"{label}: outside the planning window {facts.Window.Start}–{facts.Window.End}");
            }

            if (p > 0 && period.Start < periods[p - 1].End)
            {
                violations.Add($"{label}: overlaps or precedes the period before it");
            }

            if (p > 0 && period.Start == periods[p - 1].End && period.CurrentA == periods[p - 1].CurrentA)
            {
                violations.Add($"{label}: not merged with the equal period before it");
            }

            var expectedKw = facts.PowerKw(i, period.CurrentA);
            if (Math.Abs(period.PowerKw - expectedKw) > Tolerance)
            {
                violations.Add($"{label}: PowerKw {Num(period.PowerKw)}, expected {Num(expectedKw)}");
            }

            for (var k = 0; k < facts.SlotCount; k++)
            {
                if (ProblemFacts.Overlap(period.Start, period.End, facts.Window.SlotStart(k), facts.Window.SlotEnd(k)) > Duration.Zero
                    && sessionPlan.SlotCurrentsA[k] != period.CurrentA)
                {
                    violations.Add($"{label}: {Slot(facts, k)} has {sessionPlan.SlotCurrentsA[k]} A in SlotCurrentsA");
                }
            }
        }

        // Every moment the session draws current must be described by a period.
        for (var k = 0; k < facts.SlotCount; k++)
        {
            if (sessionPlan.SlotCurrentsA[k] == 0 || !facts.IsPresent(i, k))
            {
                continue;
            }

            var from = Instant.Max(facts.Window.SlotStart(k), session.Arrival);
            var to = Instant.Min(facts.Window.SlotEnd(k), session.Departure);
            var described = periods.Aggregate(Duration.Zero, (sum, p) => sum + ProblemFacts.Overlap(p.Start, p.End, from, to));
            if (described != to - from)
            {
                violations.Add($"session '{session.Id}' {Slot(facts, k)}: {sessionPlan.SlotCurrentsA[k]} A from {from} to {to}, but periods describe only {described}");
            }
        }
    }

    /// <summary>Invariant 1: every circuit, every phase, every slot; a session counts wherever it is present at all.</summary>
    private static void CheckCircuits(ProblemFacts facts, Plan plan, List<string> violations)
    {
        var sessions = facts.Problem.Sessions;
        foreach (var circuit in facts.Problem.Site.Circuits)
        {
            var below = Enumerable.Range(0, sessions.Count)
                .Where(i => facts.CircuitsAbove(facts.ChargerOf(i)).Any(c => c.Id == circuit.Id))
                .ToList();
            foreach (var phase in new[] { Phase.L1, Phase.L2, Phase.L3 })
            {
                for (var k = 0; k < facts.SlotCount; k++)
                {
                    var loading = below
                        .Where(i => facts.IsPresent(i, k) && facts.LoadedPhases(i).Contains(phase) && plan.Sessions[i].SlotCurrentsA[k] > 0)
                        .ToList();
                    var total = loading.Sum(i => (double)plan.Sessions[i].SlotCurrentsA[k]);
                    if (total > circuit.MaxCurrentA + Tolerance)
                    {
                        var who = string.Join(", ", loading.Select(i => $"{sessions[i].Id} {plan.Sessions[i].SlotCurrentsA[k]} A"));
                        violations.Add($"circuit '{circuit.Id}' {phase} {Slot(facts, k)}: {Num(total)} A > limit {Num(circuit.MaxCurrentA)} A ({who})");
                    }
                }
            }
        }
    }

    /// <summary>Invariant 1: base load plus the power of every present session within the slot's import limit.</summary>
    private static void CheckSite(ProblemFacts facts, Plan plan, List<string> violations)
    {
        for (var k = 0; k < facts.SlotCount; k++)
        {
            var charging = Enumerable.Range(0, facts.Problem.Sessions.Count)
                .Where(i => facts.IsPresent(i, k))
                .Sum(i => facts.PowerKw(i, plan.Sessions[i].SlotCurrentsA[k]));
            var baseLoad = facts.BaseLoadKw(k);
            var limit = facts.LimitKw(k);
            var signals = facts.SignalsIn(k);
            var limitLabel = signals.Count == 0 ? "grid connection" : "grid signal " + string.Join(", ", signals);
            if (baseLoad > limit + Tolerance)
            {
                if (charging > Tolerance)
                {
                    violations.Add($"site {Slot(facts, k)}: base load {Num(baseLoad)} kW alone exceeds the limit {Num(limit)} kW ({limitLabel}), yet {Num(charging)} kW of charging");
                }
            }
            else if (baseLoad + charging > limit + Tolerance)
            {
                violations.Add($"site {Slot(facts, k)}: import {Num(baseLoad + charging)} kW (base {Num(baseLoad)} + charging {Num(charging)}) > limit {Num(limit)} kW ({limitLabel})");
            }
        }
    }

    private static void CheckSiteLoad(ProblemFacts facts, Plan plan, List<string> violations)
    {
        if (plan.SiteLoad.Count != facts.SlotCount)
        {
            violations.Add($"SiteLoad has {plan.SiteLoad.Count} entries for {facts.SlotCount} slots");
            return;
        }

        for (var k = 0; k < facts.SlotCount; k++)
        {
            var load = plan.SiteLoad[k];
            var label = $"SiteLoad {Slot(facts, k)}";
            if (load.Start != facts.Window.SlotStart(k) || load.End != facts.Window.SlotEnd(k))
            {
                violations.Add($"{label}: spans {load.Start}–{load.End}");
            }

            if (Math.Abs(load.LimitKw - facts.LimitKw(k)) > Tolerance)
            {
                violations.Add($"{label}: LimitKw {Num(load.LimitKw)}, expected {Num(facts.LimitKw(k))}");
            }

            if (Math.Abs(load.PerKwh - facts.PricePerKwh(k)) > Tolerance)
            {
                violations.Add($"{label}: PerKwh {Num(load.PerKwh)}, expected the time-weighted {Num(facts.PricePerKwh(k))}");
            }

            var chargingKw = ChargingEnergyKwh(facts, plan, k) / facts.SlotHours;
            if (Math.Abs(load.ChargingKw - chargingKw) > Tolerance)
            {
                violations.Add($"{label}: ChargingKw {Num(load.ChargingKw)}, but the currents average {Num(chargingKw)} kW");
            }

            var baseKw = facts.AverageBaseLoadKw(k);
            if (Math.Abs(load.BaseLoadKw - baseKw) > Tolerance)
            {
                violations.Add($"{label}: BaseLoadKw {Num(load.BaseLoadKw)}, expected the average {Num(baseKw)}");
            }

            if (Math.Abs(load.Kw - (load.ChargingKw + load.BaseLoadKw)) > Tolerance)
            {
                violations.Add($"{label}: Kw {Num(load.Kw)} is not charging {Num(load.ChargingKw)} + base {Num(load.BaseLoadKw)}");
            }
        }
    }

    private static void CheckCosts(ProblemFacts facts, Plan plan, List<string> violations)
    {
        var energyCost = Enumerable.Range(0, facts.SlotCount).Sum(k => facts.PricePerKwh(k) * ChargingEnergyKwh(facts, plan, k));
        if (!Near(plan.EnergyCost, energyCost))
        {
            violations.Add($"EnergyCost {Num(plan.EnergyCost)}, but Σ price × charging energy is {Num(energyCost)}");
        }

        if (!Near(plan.Cost, plan.EnergyCost + plan.DemandCost))
        {
            violations.Add($"Cost {Num(plan.Cost)} is not EnergyCost {Num(plan.EnergyCost)} + DemandCost {Num(plan.DemandCost)}");
        }

        if (plan.SiteLoad.Count > 0)
        {
            var highest = plan.SiteLoad.Max(s => s.Kw);
            if (plan.PeakKw < highest - Tolerance || plan.PeakKw > Math.Max(highest, 0) + Tolerance)
            {
                violations.Add($"PeakKw {Num(plan.PeakKw)}, but the highest slot import is {Num(highest)} kW");
            }
        }

        CheckDemandCharges(facts, plan, violations);

        if (plan.Objective < plan.Cost - Slack(plan.Cost))
        {
            violations.Add($"Objective {Num(plan.Objective)} is below Cost {Num(plan.Cost)}: the shortfall penalty cannot be negative");
        }

        if (plan.Sessions.Sum(s => Math.Max(0, s.ShortfallKwh)) <= Tolerance && facts.Problem.Sessions.All(s => s.TopUpKwh == 0) && !Near(plan.Objective, plan.Cost))
        {
            violations.Add($"Objective {Num(plan.Objective)} differs from Cost {Num(plan.Cost)} though every session gets its energy");
        }

        if (plan.LowerBound is { } bound && bound > plan.Objective + Slack(plan.Objective))
        {
            violations.Add($"LowerBound {Num(bound)} is above Objective {Num(plan.Objective)}");
        }

        if (plan.Status == PlanStatus.Fallback && string.IsNullOrWhiteSpace(plan.FallbackReason))
        {
            violations.Add("status Fallback without a FallbackReason");
        }

        foreach (var (name, value) in new[] { ("Cost", plan.Cost), ("Objective", plan.Objective), ("PeakKw", plan.PeakKw), ("Baseline.Cost", plan.Baseline.Cost) })
        {
            if (!double.IsFinite(value))
            {
                violations.Add($"{name} is {value}");
            }
        }
    }

    /// <summary>Each demand charge billed on the import the currents make, and their sum the demand cost.</summary>
    private static void CheckDemandCharges(ProblemFacts facts, Plan plan, List<string> violations)
    {
        var imports = Enumerable.Range(0, facts.SlotCount)
            .Select(k => facts.AverageBaseLoadKw(k) + (ChargingEnergyKwh(facts, plan, k) / facts.SlotHours))
            .ToList();
        var bills = facts.DemandBills(imports);
        var expected = bills.Sum(b => b.Amount);
        if (!Near(plan.DemandCost, expected))
        {
            violations.Add($"DemandCost {Num(plan.DemandCost)}, but the tariff's demand charges on the currents bill {Num(expected)}");
        }

        if (plan.DemandCharges.Count != bills.Count)
        {
            violations.Add($"plan lists {plan.DemandCharges.Count} demand charges, the tariff has {bills.Count}");
            return;
        }

        for (var d = 0; d < bills.Count; d++)
        {
            var (id, peak, billed, amount) = bills[d];
            var listed = plan.DemandCharges[d];
            if (listed.ChargeId != id || !Near(listed.PeakKw, peak) || !Near(listed.BilledKw, billed) || !Near(listed.Amount, amount))
            {
                violations.Add($"demand charge '{id}': plan says peak {Num(listed.PeakKw)} kW, billed {Num(listed.BilledKw)} kW, {Num(listed.Amount)}; expected {Num(peak)}, {Num(billed)}, {Num(amount)}");
            }
        }
    }

    /// <summary>Invariant 4, in the sufficient form of <see cref="DeliverableEnergy"/>.</summary>
    private static void CheckDeliverable(ProblemFacts facts, Plan plan, List<string> violations)
    {
        for (var i = 0; i < facts.Problem.Sessions.Count; i++)
        {
            if (DeliverableEnergy.GuaranteedKwh(facts, i) is { } guaranteed && plan.Sessions[i].DeliveredKwh < guaranteed - Tolerance)
            {
                var session = facts.Problem.Sessions[i];
                var reachable = DeliverableEnergy.BestReachableKwh(facts, i);
                violations.Add($"session '{session.Id}': no limit binds it, yet it gets {Num(plan.Sessions[i].DeliveredKwh)} kWh of {Num(session.EnergyKwh)} requested, less than the {Num(guaranteed)} kWh it must get (whole amps reach {Num(reachable)} kWh)");
            }
        }
    }

    private static double ChargingEnergyKwh(ProblemFacts facts, Plan plan, int slot) =>
        Enumerable.Range(0, facts.Problem.Sessions.Count).Sum(i => plan.Sessions[i].SlotCurrentsA[slot] * facts.KwhPerAmp(i, slot));

    /// <summary>Absolute tolerance, widened for the large figures the shortfall penalty makes.</summary>
    private static double Slack(double value) => Tolerance + (1e-9 * Math.Abs(value));

    private static bool Near(double actual, double expected) => Math.Abs(actual - expected) <= Slack(expected);

    private static string Slot(ProblemFacts facts, int k) => $"slot {k} ({facts.Window.SlotStart(k)})";

    private static string Num(double value) => value.ToString("0.######", CultureInfo.InvariantCulture);
}
