using System.Globalization;
using System.Text.Json;
using NodaTime;
using Scheduler.Optimizer.Model;
using Scheduler.Protocols.Input;
using Scheduler.Protocols.JsonSupport;

namespace Scheduler.Protocols.Scenarios;

/// <summary>
/// The size limits of one plan (<see cref="InputLimits"/>): how many chargers, circuits, sessions and intervals a
/// scenario holds, how long its window is, how many slots it has, and how many circuit-slots and session-slots the
/// model would hold.
/// The lists are counted in the JSON before anything is read from them; the rest on the problem before it is planned.
/// </summary>
public static class PlanningLimits
{
    /// <summary>Each list of a scenario with the most items it may hold, and what its items are.</summary>
    private static readonly (string Parent, string Name, int Max, string What)[] Lists =
    [
        ("site", "circuits", InputLimits.MaxCircuits, "circuits"),
        ("site", "chargers", InputLimits.MaxChargers, "chargers"),
        ("site", "baseLoadKw", InputLimits.MaxIntervals, "base-load intervals"),
        ("tariff", "prices", InputLimits.MaxIntervals, "prices"),
        (string.Empty, "gridSignals", InputLimits.MaxIntervals, "grid signals"),
        (string.Empty, "priceOverrides", InputLimits.MaxIntervals, "price overrides"),
        (string.Empty, "sessions", InputLimits.MaxSessions, "sessions"),
    ];

    /// <summary>The lists of a scenario document that hold more items than they may, before the schema reads their items.</summary>
    internal static List<ScenarioError> Check(JsonElement root)
    {
        var errors = new List<ScenarioError>();
        foreach (var (parent, name, max, what) in Lists)
        {
            var holder = parent.Length == 0 ? root : root.ValueKind == JsonValueKind.Object && root.TryGetProperty(parent, out var p) ? p : default;
            if (holder.ValueKind == JsonValueKind.Object
                && holder.TryGetProperty(name, out var list)
                && list.ValueKind == JsonValueKind.Array
                && TooMany(list.GetArrayLength(), max, what) is { } message)
            {
                var path = parent.Length == 0 ? JsonPath.Property(JsonPath.Root, name) : JsonPath.Property(JsonPath.Property(JsonPath.Root, parent), name);
                errors.Add(new ScenarioError(path, message));
            }
        }

        return errors;
    }

    /// <summary>What of <paramref name="problem"/> is beyond the limits of one plan, each at its place in a scenario file; empty when it may be planned.</summary>
    /// <param name="problem">A problem read from a scenario or built by a program (a replay, a benchmark).</param>
    public static IReadOnlyList<ScenarioError> Check(PlanningProblem problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        var errors = new List<ScenarioError>();
        AddIfTooMany(errors, "$.site.circuits", problem.Site.Circuits.Count, InputLimits.MaxCircuits, "circuits");
        AddIfTooMany(errors, "$.site.chargers", problem.Site.Chargers.Count, InputLimits.MaxChargers, "chargers");
        AddIfTooMany(errors, "$.sessions", problem.Sessions.Count, InputLimits.MaxSessions, "sessions");
        var window = problem.Window;
        var length = window.End - window.Start;
        if (length > InputLimits.MaxPlanningWindow)
        {
            errors.Add(new ScenarioError("$.planning.end", string.Create(CultureInfo.InvariantCulture,
                $"the window is {Describe(length)} long, longer than the {InputLimits.MaxPlanningWindow.Days} days a plan may cover")));
            return errors;
        }

        var slots = length.BclCompatibleTicks / window.SlotLength.BclCompatibleTicks;
        if (slots > InputLimits.MaxSlots)
        {
            errors.Add(new ScenarioError("$.planning.slotMinutes", string.Create(CultureInfo.InvariantCulture,
                $"the window has {slots:N0} slots, more than the {InputLimits.MaxSlots:N0} a plan may have")));
        }

        var circuitSlots = (long)problem.Site.Circuits.Count * slots;
        if (circuitSlots > InputLimits.MaxCircuitSlots)
        {
            errors.Add(new ScenarioError("$.site.circuits", string.Create(CultureInfo.InvariantCulture,
                $"the {problem.Site.Circuits.Count:N0} circuits over the window's {slots:N0} slots make {circuitSlots:N0} circuit-slots, more than the {InputLimits.MaxCircuitSlots:N0} one plan may hold; plan a shorter window or longer slots")));
        }

        var sessionSlots = problem.Sessions.Sum(s => SlotsOfStay(s, window));
        if (sessionSlots > InputLimits.MaxSessionSlots)
        {
            errors.Add(new ScenarioError("$.sessions", string.Create(CultureInfo.InvariantCulture,
                $"the sessions stay {sessionSlots:N0} session-slots inside the window, more than the {InputLimits.MaxSessionSlots:N0} one plan may hold; plan a shorter window, fewer sessions or longer slots")));
        }

        return errors;
    }

    /// <summary>The message for a list of <paramref name="count"/> items where <paramref name="max"/> is the most, or null when it is within.</summary>
    internal static string? TooMany(long count, int max, string what) => count > max
        ? string.Create(CultureInfo.InvariantCulture, $"holds {count:N0} {what}, more than the {max:N0} a scenario may hold")
        : null;

    /// <summary>How many slots of <paramref name="window"/> the session's stay touches.</summary>
    internal static long SlotsOfStay(Session session, PlanningWindow window)
    {
        var from = Instant.Max(session.Arrival, window.Start);
        var to = Instant.Min(session.Departure, window.End);
        if (to <= from)
        {
            return 0;
        }

        var slot = window.SlotLength.BclCompatibleTicks;
        var first = (from - window.Start).BclCompatibleTicks / slot;
        var last = ((to - window.Start).BclCompatibleTicks + slot - 1) / slot;
        return last - first;
    }

    private static void AddIfTooMany(List<ScenarioError> errors, string path, int count, int max, string what)
    {
        if (TooMany(count, max, what) is { } message)
        {
            errors.Add(new ScenarioError(path, message));
        }
    }

    private static string Describe(Duration length) => length.TotalDays >= 2
        ? string.Create(CultureInfo.InvariantCulture, $"{length.TotalDays:N1} days")
        : string.Create(CultureInfo.InvariantCulture, $"{length.TotalHours:N1} hours");
}
