using NodaTime;

namespace Scheduler.Optimizer.Model;

/// <summary>
/// Checks what a single record cannot check on its own: references between records, the circuit tree,
/// overlapping sessions, and prices that cover the planning window.
/// </summary>
public static class ProblemValidator
{
    /// <summary>The highest plausible voltage, current and power; above them an input is a typo, not a site.</summary>
    private const double MaxPlausibleCurrentA = 10_000;
    private const double MaxPlausibleVoltageV = 1_000;
    private const double MaxPlausibleEnergyKwh = 10_000;

    /// <summary>Returns every problem found, in file order; empty when the problem can be planned.</summary>
    public static IReadOnlyList<ProblemIssue> Validate(PlanningProblem problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        var issues = new List<ProblemIssue>();
        CheckSite(problem.Site, issues);
        CheckPrices(problem, issues);
        CheckDemandCharges(problem.Tariff, issues);
        CheckSessions(problem, issues);
        return issues;
    }

    /// <summary>Throws an <see cref="ArgumentException"/> listing the problems, if there are any.</summary>
    public static void ThrowIfInvalid(PlanningProblem problem)
    {
        var issues = Validate(problem);
        if (issues.Count > 0)
        {
            throw new ArgumentException("The planning problem is invalid: " + string.Join("; ", issues), nameof(problem));
        }
    }

    private static void CheckSite(Site site, List<ProblemIssue> issues)
    {
        if (site.VoltageV > MaxPlausibleVoltageV)
        {
            issues.Add(new("site.voltageV", $"{site.VoltageV} V is not a phase-to-neutral voltage (expected at most {MaxPlausibleVoltageV} V)"));
        }

        var circuitIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < site.Circuits.Count; i++)
        {
            var circuit = site.Circuits[i];
            if (!circuitIndex.TryAdd(circuit.Id, i))
            {
                issues.Add(new($"site.circuits[{i}].id", $"duplicate circuit id '{circuit.Id}'"));
            }

            if (circuit.MaxCurrentA > MaxPlausibleCurrentA)
            {
                issues.Add(new($"site.circuits[{i}].maxCurrentA", $"{circuit.MaxCurrentA} A is implausible (expected at most {MaxPlausibleCurrentA} A)"));
            }
        }

        for (var i = 0; i < site.Circuits.Count; i++)
        {
            var parentId = site.Circuits[i].ParentId;
            if (parentId is not null && !circuitIndex.ContainsKey(parentId))
            {
                issues.Add(new($"site.circuits[{i}].parentId", $"unknown circuit '{parentId}'"));
            }
        }

        CheckCycles(site, circuitIndex, issues);

        var chargerIds = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < site.Chargers.Count; i++)
        {
            var charger = site.Chargers[i];
            if (!chargerIds.Add(charger.Id))
            {
                issues.Add(new($"site.chargers[{i}].id", $"duplicate charger id '{charger.Id}'"));
            }

            if (charger.CircuitId is not null && !circuitIndex.ContainsKey(charger.CircuitId))
            {
                issues.Add(new($"site.chargers[{i}].circuitId", $"unknown circuit '{charger.CircuitId}'"));
            }

            if (charger.MaxCurrentA > MaxPlausibleCurrentA)
            {
                issues.Add(new($"site.chargers[{i}].maxCurrentA", $"{charger.MaxCurrentA} A is implausible (expected at most {MaxPlausibleCurrentA} A)"));
            }
        }
    }

    private static void CheckCycles(Site site, Dictionary<string, int> circuitIndex, List<ProblemIssue> issues)
    {
        // Walk up from every circuit; a walk longer than the number of circuits has gone round a loop.
        var reported = new HashSet<int>();
        for (var i = 0; i < site.Circuits.Count; i++)
        {
            var current = i;
            var steps = 0;
            while (site.Circuits[current].ParentId is { } parentId && circuitIndex.TryGetValue(parentId, out var parent))
            {
                current = parent;
                if (++steps > site.Circuits.Count)
                {
                    if (reported.Add(i))
                    {
                        issues.Add(new($"site.circuits[{i}].parentId", $"circuit '{site.Circuits[i].Id}' is part of a cycle in the circuit tree"));
                    }

                    break;
                }
            }
        }
    }

    private static void CheckPrices(PlanningProblem problem, List<ProblemIssue> issues)
    {
        // Every instant of the planning window needs exactly one price; a gap is never priced at zero.
        var window = problem.Window;
        var prices = problem.Tariff.Prices
            .Select((p, i) => (Price: p, Index: i))
            .OrderBy(p => p.Price.Start)
            .ToList();
        var coveredUntil = window.Start;
        foreach (var (price, index) in prices)
        {
            if (price.End <= window.Start || price.Start >= window.End)
            {
                continue;
            }

            if (price.Start > coveredUntil)
            {
                issues.Add(new("tariff.prices", $"no price from {coveredUntil} to {price.Start}, inside the planning window"));
            }
            else if (price.Start < coveredUntil && coveredUntil > window.Start)
            {
                issues.Add(new($"tariff.prices[{index}]", $"overlaps the price before it (from {price.Start} to {coveredUntil})"));
            }

            coveredUntil = Instant.Max(coveredUntil, price.End);
        }

        if (coveredUntil < window.End)
        {
            issues.Add(new("tariff.prices", $"no price from {coveredUntil} to {window.End}, inside the planning window"));
        }
    }

    private static void CheckDemandCharges(Tariff tariff, List<ProblemIssue> issues)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (var d = 0; d < tariff.DemandCharges.Count; d++)
        {
            if (!ids.Add(tariff.DemandCharges[d].Id))
            {
                issues.Add(new($"tariff.demandCharges[{d}].id", $"duplicate demand charge id '{tariff.DemandCharges[d].Id}'"));
            }
        }
    }

    private static void CheckSessions(PlanningProblem problem, List<ProblemIssue> issues)
    {
        var chargers = new Dictionary<string, Charger>(StringComparer.Ordinal);
        foreach (var charger in problem.Site.Chargers)
        {
            chargers.TryAdd(charger.Id, charger);
        }

        var sessionIds = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < problem.Sessions.Count; i++)
        {
            var session = problem.Sessions[i];
            if (!sessionIds.Add(session.Id))
            {
                issues.Add(new($"sessions[{i}].id", $"duplicate session id '{session.Id}'"));
            }

            // A vehicle whose maximum is below its charger's minimum is planned at 0 with a note, not refused:
            // one odd car must not leave the whole site without a plan.
            if (!chargers.ContainsKey(session.ChargerId))
            {
                issues.Add(new($"sessions[{i}].chargerId", $"unknown charger '{session.ChargerId}'"));
            }

            if (session.EnergyKwh > MaxPlausibleEnergyKwh)
            {
                issues.Add(new($"sessions[{i}].energyKwh", $"{session.EnergyKwh} kWh is implausible for one vehicle (expected at most {MaxPlausibleEnergyKwh} kWh)"));
            }

            if (session.MaxCurrentA > MaxPlausibleCurrentA)
            {
                issues.Add(new($"sessions[{i}].maxCurrentA", $"{session.MaxCurrentA} A is implausible (expected at most {MaxPlausibleCurrentA} A)"));
            }
        }

        // Two vehicles cannot be plugged into one charger at the same time.
        var byCharger = problem.Sessions
            .Select((s, i) => (Session: s, Index: i))
            .GroupBy(s => s.Session.ChargerId, StringComparer.Ordinal);
        foreach (var group in byCharger)
        {
            var ordered = group.OrderBy(s => s.Session.Arrival).ToList();
            for (var j = 1; j < ordered.Count; j++)
            {
                var previous = ordered[j - 1];
                var next = ordered[j];
                if (next.Session.Arrival < previous.Session.Departure)
                {
                    issues.Add(new($"sessions[{next.Index}].arrival", $"charger '{group.Key}' is still taken by session '{previous.Session.Id}' until {previous.Session.Departure}"));
                }
            }
        }
    }
}
