using System.Globalization;
using System.Text.Json.Nodes;
using NodaTime;
using NodaTime.Text;
using Scheduler.Optimizer.Model;
using Scheduler.Optimizer.Plans;

namespace Scheduler.Protocols.Ocpp;

/// <summary>
/// Turns a plan into the OCPP charging profiles a CSMS sends: one Absolute TxProfile per session whose stay overlaps
/// the planning window, valid from the start to the end of that overlap, with a last period of 0 A from its end (so
/// a charger that stops hearing from us stops drawing); and one fail-safe TxDefaultProfile per charger. A session
/// wholly outside the window (ended, or not yet begun) gets no TxProfile: the plan gives it nothing to send.
/// </summary>
public static class ChargingProfileBuilder
{
    /// <summary>Every profile of the plan: the chargers' TxDefaultProfiles in site order, then the sessions' TxProfiles in plan order.</summary>
    public static IReadOnlyList<ChargingProfile> Build(Plan plan, PlanningProblem problem, ChargingProfileOptions? options = null)
    {
        options ??= new ChargingProfileOptions();
        return [.. BuildTxDefaultProfiles(plan, problem, options), .. BuildTxProfiles(plan, problem, options)];
    }

    /// <summary>One TxProfile per session of <paramref name="plan"/> whose stay overlaps its window, in plan order.</summary>
    public static IReadOnlyList<ChargingProfile> BuildTxProfiles(Plan plan, PlanningProblem problem, ChargingProfileOptions? options = null)
    {
        options ??= new ChargingProfileOptions();
        var sessions = problem.Sessions.ToDictionary(s => s.Id, StringComparer.Ordinal);
        var chargers = problem.Site.Chargers.ToDictionary(c => c.Id, StringComparer.Ordinal);
        return plan.Sessions
            .Where(sp => IsInside(sessions[sp.SessionId], plan.Window))
            .Select(sp => TxProfile(sp, sessions[sp.SessionId], chargers[sp.ChargerId], plan.Window, problem.Site.VoltageV, options))
            .ToList();
    }

    /// <summary>True when some of the session's stay lies inside the window.</summary>
    public static bool IsInside(Session session, PlanningWindow window) =>
        Min(session.Departure, window.End) > Max(session.Arrival, window.Start);

    /// <summary>One fail-safe TxDefaultProfile per charger of the site, in site order.</summary>
    public static IReadOnlyList<ChargingProfile> BuildTxDefaultProfiles(Plan plan, PlanningProblem problem, ChargingProfileOptions? options = null)
    {
        options ??= new ChargingProfileOptions();
        return problem.Site.Chargers
            .Select(c => TxDefaultProfile(c, problem.Site, plan.Window.Start, options))
            .ToList();
    }

    /// <summary>
    /// The current per phase that is safe for <paramref name="charger"/> when the scheduler is silent: its equal share of
    /// the tightest circuit above it (limit ÷ chargers below it) and of the site limit (÷ all chargers, in amps on its
    /// phases), at most its own maximum, rounded down to 0.1 A, and 0 where that is below its minimum current.
    /// </summary>
    public static decimal FailSafeCurrentA(Charger charger, Site site)
    {
        var share = Math.Min(charger.MaxCurrentA, site.GridLimitKw * 1000.0 / site.Chargers.Count / (site.VoltageV * charger.Phases));
        var tree = new CircuitTree(site.Circuits);
        foreach (var circuit in tree.Above(charger.CircuitId))
        {
            var below = site.Chargers.Count(c => tree.Above(c.CircuitId).Any(above => above.Id == circuit.Id));
            share = Math.Min(share, circuit.MaxCurrentA / Math.Max(below, 1));
        }

        var rounded = OcppLimit.RoundDown(share);
        return (double)rounded < charger.MinCurrentA ? 0m : rounded;
    }

    private static ChargingProfile TxDefaultProfile(Charger charger, Site site, Instant start, ChargingProfileOptions options)
    {
        var limit = ToUnit(FailSafeCurrentA(charger, site), site.VoltageV, charger.Phases, options.RateUnit);
        var payload = Payload(
            options,
            charger.Id,
            ChargingProfilePurpose.TxDefaultProfile,
            transactionId: null,
            validFrom: null,
            validTo: null,
            start,
            [(0L, limit)],
            charger.Phases);
        return new ChargingProfile(null, charger.Id, options.Version, ChargingProfilePurpose.TxDefaultProfile, payload, null, 0);
    }

    private static ChargingProfile TxProfile(SessionPlan sessionPlan, Session session, Charger charger, PlanningWindow window, double voltageV, ChargingProfileOptions options)
    {
        // Inside the window (the caller keeps to those): validFrom before validTo, every start period at 0 or later.
        var from = Max(session.Arrival, window.Start);
        var to = Min(session.Departure, window.End);
        var periods = sessionPlan.Periods.Where(p => p.End > p.Start).OrderBy(p => p.Start).ToList();
        string? reason = null;

        var phases = sessionPlan.Phases;

        // The plan's periods in the profile's unit, rounded down, with the fail-safe 0 from the end of the window on.
        var starts = new List<Instant>();
        var durations = new List<double>();
        var limits = new List<decimal>();
        var planA = new List<double>();
        for (var i = 0; i < periods.Count; i++)
        {
            var period = periods[i];

            // A gap between the plan's periods is time the plan gives nothing: it becomes a 0 period, never the previous limit.
            if (i > 0 && period.Start > periods[i - 1].End)
            {
                starts.Add(periods[i - 1].End);
                durations.Add((period.Start - periods[i - 1].End).TotalSeconds);
                limits.Add(0m);
                planA.Add(0);
            }

            starts.Add(period.Start);
            planA.Add(period.CurrentA);
            durations.Add((period.End - period.Start).TotalSeconds);
            limits.Add(ToUnit(OcppLimit.RoundDown(period.CurrentA), voltageV, phases, options.RateUnit));
        }

        var scheduleStart = starts.Count > 0 ? starts[0] : from;
        var failSafeStart = periods.Count > 0 ? periods[^1].End : to;
        starts.Add(failSafeStart);
        durations.Add(0);
        limits.Add(0m);
        planA.Add(0);

        var coarse = ScheduleCoarsener.Coarsen(durations, limits, charger.MaxSchedulePeriods);

        // What the profile gives up against the plan's unrounded currents, as energy.
        var lostAmpSeconds = 0.0;
        for (var i = 0; i < starts.Count; i++)
        {
            var allowedA = options.RateUnit == ChargingRateUnit.A ? (double)coarse[i] : (double)coarse[i] / (voltageV * phases);
            lostAmpSeconds += Math.Max(0, planA[i] - allowedA) * durations[i];
        }

        var lostKwh = lostAmpSeconds * voltageV * phases / 3_600_000.0;

        // Neighbours with one limit become one period; start periods count seconds from the schedule's start.
        var schedule = new List<(long StartPeriodS, decimal Limit)>();
        for (var i = 0; i < starts.Count; i++)
        {
            if (schedule.Count > 0 && schedule[^1].Limit == coarse[i])
            {
                continue;
            }

            schedule.Add(((long)Math.Floor((starts[i] - scheduleStart).TotalSeconds), coarse[i]));
        }

        var transactionId = TransactionId(session, options.Version, ref reason);
        var payload = Payload(options, charger.Id, ChargingProfilePurpose.TxProfile, transactionId, from, to, scheduleStart, schedule, phases);
        return new ChargingProfile(session.Id, charger.Id, options.Version, ChargingProfilePurpose.TxProfile, payload, reason, lostKwh);
    }

    private static JsonNode? TransactionId(Session session, OcppVersion version, ref string? reason)
    {
        var id = session.TransactionId;
        string? problem = null;
        JsonNode? node = null;
        if (string.IsNullOrEmpty(id))
        {
            problem = "the session has no transaction id; a TxProfile must name its transaction";
        }
        else if (version == OcppVersion.V16)
        {
            if (int.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
            {
                node = JsonValue.Create(number);
            }
            else
            {
                problem = $"the transaction id \"{id}\" is not an integer, which OCPP 1.6 requires";
            }
        }
        else if (id.Length > 36)
        {
            problem = $"the transaction id is {id.Length} characters long; OCPP 2.0.1 allows at most 36";
        }
        else
        {
            node = JsonValue.Create(id);
        }

        reason ??= problem;
        return node;
    }

    private static JsonObject Payload(
        ChargingProfileOptions options,
        string chargerId,
        ChargingProfilePurpose purpose,
        JsonNode? transactionId,
        Instant? validFrom,
        Instant? validTo,
        Instant startSchedule,
        IReadOnlyList<(long StartPeriodS, decimal Limit)> periods,
        int phases)
    {
        var periodArray = new JsonArray();
        foreach (var (startPeriod, limit) in periods)
        {
            periodArray.Add(new JsonObject
            {
                ["startPeriod"] = startPeriod,
                ["limit"] = limit,
                ["numberPhases"] = phases,
            });
        }

        var schedule = new JsonObject();
        if (options.Version == OcppVersion.V201)
        {
            schedule["id"] = ChargingProfileIds.For(chargerId, purpose);
        }

        schedule["startSchedule"] = Format(startSchedule);
        schedule["chargingRateUnit"] = options.RateUnit.ToString();
        schedule["chargingSchedulePeriod"] = periodArray;

        var profile = new JsonObject
        {
            [options.Version == OcppVersion.V16 ? "chargingProfileId" : "id"] = ChargingProfileIds.For(chargerId, purpose),
        };
        if (options.Version == OcppVersion.V16 && transactionId is not null)
        {
            profile["transactionId"] = transactionId;
        }

        profile["stackLevel"] = options.StackLevelFor(chargerId);
        profile["chargingProfilePurpose"] = purpose.ToString();
        profile["chargingProfileKind"] = "Absolute";
        if (validFrom is { } start)
        {
            profile["validFrom"] = Format(start);
        }

        if (validTo is { } end)
        {
            profile["validTo"] = Format(end);
        }

        profile["chargingSchedule"] = options.Version == OcppVersion.V16 ? schedule : new JsonArray(schedule);
        if (options.Version == OcppVersion.V201 && transactionId is not null)
        {
            profile["transactionId"] = transactionId;
        }

        return options.Version == OcppVersion.V16
            ? new JsonObject { ["connectorId"] = options.EvseIdFor(chargerId), ["csChargingProfiles"] = profile }
            : new JsonObject { ["evseId"] = options.EvseIdFor(chargerId), ["chargingProfile"] = profile };
    }

    private static decimal ToUnit(decimal currentA, double voltageV, int phases, ChargingRateUnit unit) =>
        unit == ChargingRateUnit.A ? currentA : decimal.Floor(currentA * (decimal)voltageV * phases);

    private static string Format(Instant instant) => InstantPattern.General.Format(instant);

    private static Instant Max(Instant a, Instant b) => a > b ? a : b;

    private static Instant Min(Instant a, Instant b) => a < b ? a : b;
}
