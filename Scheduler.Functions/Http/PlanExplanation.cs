using System.Globalization;
using NodaTime;
using NodaTime.Text;
using Scheduler.Protocols.Planning;

namespace Scheduler.Functions.Http;

/// <summary>
/// Why a session is short, in words a driver understands and as codes: a note of the planner (it cannot draw at
/// all), a departure too soon to take the energy even at full power, a demand-response event cutting the site's
/// limit within the stay (with its window), or else the site's shared capacity. Beside those, notes on what the plan
/// stood on: a planner fallback, degraded prices, a departure nobody set.
/// </summary>
public static class PlanExplanation
{
    /// <summary>The planner gave the session nothing whatever the prices and limits (its note's code follows the dot).</summary>
    public const string PlannerNote = "planner.";

    /// <summary>Even at full power from now, the car cannot take what was asked before it leaves.</summary>
    public const string DepartureTooSoon = "departure.too-soon";

    /// <summary>A demand-response event lowers the site's limit within the stay.</summary>
    public const string DemandResponse = "grid.dr-event";

    /// <summary>The site's connection and circuits are shared; at their limits this car gets what is left.</summary>
    public const string Capacity = "capacity";

    /// <summary>The vehicle stopped drawing on its own: its battery is full.</summary>
    public const string BatteryFull = "battery.full";

    /// <summary>The planner ran out of time and used its quick fallback.</summary>
    public const string PlanFallback = "plan.fallback";

    /// <summary>The prices were degraded (the code ends in the fallback: last-known, tou, stale, provisional, flat).</summary>
    public const string PriceFallback = "price.";

    /// <summary>Nobody set a departure: the site's default was planned.</summary>
    public const string DefaultDeparture = "departure.default";

    private static readonly LocalTimePattern Clock = LocalTimePattern.CreateWithInvariantCulture("HH:mm");

    /// <summary>What made the session short; empty when it is not.</summary>
    /// <param name="session">The session as planned, its reasons still empty.</param>
    /// <param name="note">The planner's note on it (code, message), if any.</param>
    /// <param name="plan">The site's plan.</param>
    /// <param name="maxPowerKw">The most the session can draw, in kW.</param>
    /// <param name="now">The instant the plan is explained at.</param>
    /// <param name="zone">The site's zone, for the times in the words.</param>
    public static IReadOnlyList<PlanReason> Reasons(SessionView session, PlanReason? note, SitePlanView plan, double maxPowerKw, Instant now, DateTimeZone zone)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(plan);
        if (!session.IsShort)
        {
            return [];
        }

        if (note is not null)
        {
            return [new PlanReason(PlannerNote + note.Code, note.Message)];
        }

        var reasons = new List<PlanReason>();
        var from = plan.PlannedAt > now ? plan.PlannedAt : now;
        var hours = Math.Max(0, (session.Departure - from).TotalHours);
        var missingKwh = session.RequestedKwh - session.DeliveredKwh;
        if (maxPowerKw * hours < missingKwh - 0.05)
        {
            reasons.Add(new(DepartureTooSoon, Invariant(
                $"Even at full power ({maxPowerKw:0.#} kW) the car can take only {maxPowerKw * hours:0.#} kWh before it leaves at {At(session.Departure, zone)}; {missingKwh:0.#} kWh more were asked for.")));
        }

        foreach (var (start, end, limitKw) in Events(plan, from, session.Departure))
        {
            reasons.Add(new(DemandResponse, Invariant(
                $"The grid operator asked the site to stay below {limitKw:0.#} kW from {At(start, zone)} to {At(end, zone)} (its connection allows {plan.GridLimitKw:0.#} kW): charging is cut in that window.")));
        }

        if (reasons.Count == 0)
        {
            var others = plan.Sessions.Count - 1;
            reasons.Add(new(Capacity, Invariant(
                $"The site's connection and circuits are shared with {others} other car{(others == 1 ? string.Empty : "s")}; at their limits this car gets what is left, {session.ShortfallKwh:0.#} kWh short of what was asked.")));
        }

        return reasons;
    }

    /// <summary>What else bears on the session's plan.</summary>
    public static IReadOnlyList<PlanReason> Notes(SessionView session, SitePlanView plan, string defaultDeparture)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(plan);
        var notes = new List<PlanReason>();
        if (session.EnergySource == FullBattery.EnergySource)
        {
            notes.Add(new(BatteryFull, "The car stopped drawing while it was allowed to: its battery is full, and nothing more is planned for it."));
        }

        if (session.DepartureSource.StartsWith("default", StringComparison.Ordinal))
        {
            notes.Add(new(DefaultDeparture, $"No departure was set for this stay: it is planned to the site's default, {defaultDeparture}. Set one to be sure."));
        }

        if (plan.Status == "Fallback")
        {
            notes.Add(new(PlanFallback, $"The planner used its quick fallback ({plan.FallbackReason ?? "time limit"}): the plan is valid but may cost more than needed."));
        }

        if (plan.PriceFallback != "none")
        {
            notes.Add(new(PriceFallback + plan.PriceFallback, plan.PriceFallback switch
            {
                "last-known" => "The price feed failed: the plan uses the last prices it received.",
                "tou" => "Market prices are missing for part of the plan: it uses the site's time-of-use tariff there.",
                "flat" => "No prices at all: the car charges as soon as it can.",
                "provisional" => "Prices end before the departure: the plan beyond them is provisional.",
                _ => $"The prices are degraded ({plan.PriceFallback}).",
            }));
        }

        return notes;
    }

    /// <summary>The stretches where the import limit is below the connection's, within [<paramref name="from"/>, <paramref name="to"/>), merged.</summary>
    public static IReadOnlyList<(Instant Start, Instant End, double LimitKw)> Events(SitePlanView plan, Instant from, Instant to)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var events = new List<(Instant Start, Instant End, double LimitKw)>();
        foreach (var slot in plan.Load.Where(s => s.End > from && s.Start < to && s.LimitKw < plan.GridLimitKw - 1e-6))
        {
            if (events.Count > 0 && events[^1].End == slot.Start)
            {
                events[^1] = (events[^1].Start, slot.End, Math.Min(events[^1].LimitKw, slot.LimitKw));
            }
            else
            {
                events.Add((slot.Start, slot.End, slot.LimitKw));
            }
        }

        return events;
    }

    /// <summary>A local clock time of the site, e.g. 07:30.</summary>
    public static string At(Instant instant, DateTimeZone zone) => Clock.Format(instant.InZone(zone).TimeOfDay);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
