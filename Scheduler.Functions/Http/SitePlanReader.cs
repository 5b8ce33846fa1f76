using System.Text.Json;
using NodaTime;
using Scheduler.Functions.Departures;
using Scheduler.Functions.Planning;
using Scheduler.Functions.Sessions;
using Scheduler.Functions.Sites;
using Scheduler.Protocols.Sessions;

namespace Scheduler.Functions.Http;

/// <summary>
/// Reads a site's latest plan with its inputs into a <see cref="SitePlanView"/>: the plan file gives the currents,
/// energies and load; the inputs where each number came from; the sessions and settings the departure each session
/// is planned to, by the same rules as the planner (a boost, the driver's setting, the vehicle's week, the site's default).
/// </summary>
public sealed class SitePlanReader
{
    private readonly PlanStore _plans;
    private readonly SessionStore _sessions;
    private readonly DepartureStore _departures;
    private readonly SessionTargets _targets;
    private readonly IClock _clock;

    /// <summary>Creates the reader.</summary>
    public SitePlanReader(PlanStore plans, SessionStore sessions, DepartureStore departures, SessionTargets targets, IClock clock)
    {
        _plans = plans;
        _sessions = sessions;
        _departures = departures;
        _targets = targets;
        _clock = clock;
    }

    /// <summary>The site's latest plan, or null before its first.</summary>
    public async Task<SitePlanView?> ReadAsync(SiteRecord site, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(site);
        if (await _plans.GetLatestAsync(site.Id, cancellationToken).ConfigureAwait(false) is not { } latest)
        {
            return null;
        }

        var zone = DateTimeZoneProviders.Tzdb[site.TimeZone];
        var now = _clock.GetCurrentInstant();
        var inputs = PlanInputs.FromJson(latest.Plan.InputsJson);
        var running = (await _sessions.ListActiveAsync(site.Id, cancellationToken).ConfigureAwait(false)).ToDictionary(s => s.Id, StringComparer.Ordinal);
        var drivers = await _departures.ListAsync(site.Id, cancellationToken).ConfigureAwait(false);
        var targets = await _targets.ListAsync(site.Id, cancellationToken).ConfigureAwait(false);

        using var document = JsonDocument.Parse(latest.Json);
        var root = document.RootElement;
        var load = root.GetProperty("siteLoad").EnumerateArray()
            .Select(s => new LoadSlot(Time(s, "start"), Time(s, "end"), s.GetProperty("kw").GetDouble(), s.GetProperty("limitKw").GetDouble(), s.GetProperty("perKwh").GetDouble()))
            .ToList();
        var peaks = root.GetProperty("demandCharges").EnumerateArray().Select(d => d.GetProperty("peakSoFarKw").GetDouble()).ToList();
        var plan = new SitePlanView(
            latest.Plan.PlanId,
            latest.Plan.PlannedAt,
            root.GetProperty("status").GetString()!,
            root.TryGetProperty("fallbackReason", out var reason) ? reason.GetString() : null,
            root.GetProperty("currency").GetString()!,
            root.GetProperty("cost").GetDouble(),
            root.GetProperty("baselineCost").GetDouble(),
            peaks.Count > 0 ? peaks.Max() : null,
            site.GridLimitKw,
            inputs.PriceFallback,
            load,
            [],
            inputs.HeldChargers,
            inputs.Warnings);

        var sessions = new List<SessionView>();
        foreach (var entry in root.GetProperty("sessions").EnumerateArray())
        {
            var id = entry.GetProperty("id").GetString()!;
            var input = inputs.Sessions.FirstOrDefault(s => s.SessionId == id);
            var record = running.GetValueOrDefault(id);
            // The plan records the departure it was announced (or defaulted); older plans did not, and it is worked out again by the same rules.
            var departure = input?.AnnouncedDeparture is { } announced
                ? NodaTime.Text.InstantPattern.ExtendedIso.Parse(announced).GetValueOrThrow()
                : record is null ? load.Count > 0 ? load[^1].End : latest.Plan.PlannedAt : DepartureOf(record, drivers, targets, site, zone, now);
            sessions.Add(Session(entry, input, departure));
        }

        // The reasons need the whole plan (how many share the site), so they are added once every session is read.
        plan = plan with { Sessions = sessions };
        return plan with { Sessions = [.. sessions.Select((s, i) => Explain(s, root.GetProperty("sessions")[i], plan, site, zone, now))] };
    }

    private static Instant DepartureOf(SessionRecord session, DepartureStore.SiteDepartures drivers, SessionTargets.SiteTargets targets, SiteRecord site, DateTimeZone zone, Instant now) =>
        targets.Find(session, drivers.Find(session), zone, now)?.Departure
        ?? DefaultDeparture.For(session.Arrival, zone, site.Settings.DefaultDeparture, site.Settings.DefaultDepartureOnWorkingDays);

    private static SessionView Session(JsonElement entry, SessionInput? input, Instant departure)
    {
        var periods = entry.GetProperty("periods").EnumerateArray()
            .Select(p => new PlannedPeriod(Time(p, "start"), Time(p, "end"), p.GetProperty("currentA").GetDouble(), p.GetProperty("powerKw").GetDouble()))
            .ToList();
        var deliveredKwh = input?.DeliveredKwh ?? 0;
        var finish = periods.LastOrDefault(p => p.CurrentA > 0)?.End;
        return new SessionView(
            entry.GetProperty("id").GetString()!,
            entry.GetProperty("chargerId").GetString()!,
            entry.TryGetProperty("vehicleId", out var vehicle) ? vehicle.GetString() : null,
            departure,
            input?.Departure ?? "default",
            input?.Energy ?? "default",
            deliveredKwh,
            Math.Round(deliveredKwh + entry.GetProperty("requestedKwh").GetDouble(), 3),
            Math.Round(deliveredKwh + entry.GetProperty("deliveredKwh").GetDouble(), 3),
            entry.GetProperty("shortfallKwh").GetDouble(),
            finish,
            periods,
            [],
            []);
    }

    private static SessionView Explain(SessionView session, JsonElement entry, SitePlanView plan, SiteRecord site, DateTimeZone zone, Instant now)
    {
        var note = entry.TryGetProperty("note", out var n) ? new PlanReason(n.GetProperty("code").GetString()!, n.GetProperty("message").GetString()!) : null;
        var charger = site.Chargers.FirstOrDefault(c => c.Id == session.ChargerId);
        var maxPowerKw = charger is null ? 0 : charger.MaxCurrentA * site.VoltageV * entry.GetProperty("phases").GetInt32() / 1000.0;
        return session with
        {
            Reasons = PlanExplanation.Reasons(session, note, plan, maxPowerKw, now, zone),
            Notes = PlanExplanation.Notes(session, plan, site.Settings.DefaultDeparture),
        };
    }

    private static Instant Time(JsonElement element, string name) => SiteTime.Parse(element.GetProperty(name).GetString()!);
}
