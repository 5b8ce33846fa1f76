using System.Text;
using System.Text.Json;
using NodaTime;
using NodaTime.Text;
using Scheduler.Functions.Departures;
using Scheduler.Functions.Sessions;
using Scheduler.Functions.Signals;
using Scheduler.Functions.Sites;
using Scheduler.Optimizer.Model;
using Scheduler.Protocols.OpenAdr;
using Scheduler.Protocols.Ocpp;
using Scheduler.Protocols.Scenarios;
using Scheduler.Protocols.Sessions;

namespace Scheduler.Functions.Planning;

/// <summary>
/// Builds a site's scenario file (v1) from the tables, so that the app plans through exactly the code path of
/// <c>scheduler plan</c>. Missing inputs are replaced on purpose and recorded: a driver's silence by the site's
/// default departure and energy, missing meter values by what earlier plans allowed, a failing price feed by the
/// fallbacks of <see cref="PriceAssembler"/>. Demand-response limits enter as hard limits, whatever the price.
/// </summary>
public sealed class ScenarioAssembler
{
    /// <summary>The shortest window planned, so that a site without sessions still gets its fail-safe profiles.</summary>
    public static readonly Duration MinimumWindow = Duration.FromHours(1);

    // The limit written for a circuit that held chargers take up whole, in A: above 0, and below any minimum current.
    private const double ExhaustedCircuitA = 0.1;

    // At most this power, in W, counts as not drawing (a charger's own consumption shows in some meters).
    private const double FullBatteryPowerW = 100;

    // How far before a meter value the plan must have allowed charging for a stop to mean a full battery.
    private static readonly Duration FullBatteryLookBack = Duration.FromMinutes(5);

    private readonly SessionStore _sessions;
    private readonly DepartureStore _departures;
    private readonly GridSignalStore _signals;
    private readonly PriceAssembler _prices;
    private readonly SessionTargets _targets;

    /// <summary>Creates the assembler.</summary>
    public ScenarioAssembler(SessionStore sessions, DepartureStore departures, GridSignalStore signals, PriceAssembler prices, SessionTargets targets)
    {
        _sessions = sessions;
        _departures = departures;
        _signals = signals;
        _prices = prices;
        _targets = targets;
    }

    /// <summary>Assembles the scenario of <paramref name="site"/> as it stands at <paramref name="now"/>.</summary>
    /// <param name="site">The site.</param>
    /// <param name="now">The planning instant: the window starts in its slot.</param>
    /// <param name="previousPlan">The power the site's latest plan allowed, to estimate what sessions drew since their last meter value.</param>
    /// <param name="requestId">The plan request, for the record.</param>
    /// <param name="reason">Why the plan was asked for, for the record.</param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    /// <exception cref="SiteConfigurationException">The site's configuration cannot be planned.</exception>
    public async Task<AssembledScenario> AssembleAsync(
        SiteRecord site, Instant now, PlannedEnergy previousPlan, string requestId, string reason, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(site);
        ArgumentNullException.ThrowIfNull(previousPlan);
        var settings = site.Settings;
        var zone = DateTimeZoneProviders.Tzdb.GetZoneOrNull(site.TimeZone)
            ?? throw new SiteConfigurationException($"site '{site.Id}' has the unknown time zone '{site.TimeZone}'");
        if (settings.SlotMinutes is < 1 or > 60 || 60 % settings.SlotMinutes != 0)
        {
            throw new SiteConfigurationException($"site '{site.Id}' has slotMinutes {settings.SlotMinutes}, which does not divide 60");
        }

        var slot = Duration.FromMinutes(settings.SlotMinutes);
        var windowStart = SlotGrid.Floor(now, slot);
        var warnings = new List<string>();
        var chargers = site.Chargers.ToDictionary(c => c.Id, StringComparer.Ordinal);

        var planned = new List<PlannedSession>();
        var held = new List<(ChargerRecord Charger, string Reason)>();
        var running = await _sessions.ListActiveAsync(site.Id, cancellationToken).ConfigureAwait(false);
        // Every driver setting of the site in one query, not one read per session.
        var drivers = await _departures.ListAsync(site.Id, cancellationToken).ConfigureAwait(false);
        // Boosts and recurring departures (Departures/) around what the drivers set.
        var targets = await _targets.ListAsync(site.Id, cancellationToken).ConfigureAwait(false);
        foreach (var session in running.OrderBy(s => s.Id, StringComparer.Ordinal))
        {
            if (!chargers.TryGetValue(session.ChargerId, out var charger))
            {
                warnings.Add($"session '{session.Id}' is on charger '{session.ChargerId}', which the site does not have: left out");
                continue;
            }

            if (charger.HeldTransactionId is { } heldTransaction && (heldTransaction.Length == 0 || heldTransaction == session.TransactionId))
            {
                held.Add((charger, charger.HeldReason ?? "held"));
                continue;
            }

            planned.Add(Plan(session, targets.Find(session, drivers.Find(session), zone, now), site, zone, now, slot, previousPlan));
        }

        foreach (var charger in site.Chargers.Where(c => c.HeldTransactionId is not null && held.All(h => h.Charger.Id != c.Id)))
        {
            // A hold outlives its session only until a new transaction starts; with no session it reserves nothing.
            warnings.Add($"charger '{charger.Id}' is held ({charger.HeldReason}) but has no running session");
        }

        var latestDeparture = planned.Count == 0 ? windowStart : planned.Max(p => p.Departure);
        var windowEnd = SlotGrid.Ceiling(Max(latestDeparture, windowStart + MinimumWindow), slot);
        var horizonEnd = windowStart + Duration.FromHours(Math.Max(1, settings.MaxHorizonHours));
        windowEnd = windowEnd > horizonEnd ? SlotGrid.Floor(horizonEnd, slot) : windowEnd;

        var prices = await _prices.PriceAsync(site, zone, windowStart, windowEnd, now, cancellationToken).ConfigureAwait(false);
        warnings.AddRange(prices.Warnings);
        var pricedEnd = SlotGrid.Floor(prices.End, slot);
        var priceList = prices.Prices;
        if (pricedEnd <= windowStart)
        {
            // Prices end inside the first slot: plan that slot alone on its price, stretched to the slot's end.
            pricedEnd = windowStart + slot;
            priceList = [.. priceList.Take(priceList.Count - 1), new PriceInterval(priceList[^1].Start, pricedEnd, priceList[^1].PerKwh)];
        }

        windowEnd = pricedEnd;
        priceList = [.. priceList.Where(p => p.Start < windowEnd).Select(p => p.End > windowEnd ? new PriceInterval(p.Start, windowEnd, p.PerKwh) : p)];

        var signals = await ResolveSignalsAsync(site, now, windowEnd, warnings, cancellationToken).ConfigureAwait(false);

        var circuits = site.Circuits.ToList();
        var baseLoad = new List<(Instant Start, Instant End, double Kw)>();
        var heldChargers = new List<HeldCharger>();
        var extraBaseLoadKw = 0.0;
        if (held.Count > 0)
        {
            // Held chargers are planned around: their fail-safe current is taken off every circuit above them, and their power off the site.
            var layout = ReadLayout(site, windowStart, windowEnd);
            foreach (var (charger, why) in held)
            {
                var model = layout.Chargers.First(c => c.Id == charger.Id);
                var reserveA = (double)ChargingProfileBuilder.FailSafeCurrentA(model, layout);
                heldChargers.Add(new HeldCharger(charger.Id, reserveA, why));
                extraBaseLoadKw += reserveA * site.VoltageV * charger.Phases / 1000.0;
                var byId = circuits.Select((c, i) => (c, i)).ToDictionary(x => x.c.Id, x => x.i, StringComparer.Ordinal);
                var visited = new HashSet<string>(StringComparer.Ordinal);
                for (var id = charger.CircuitId; id is not null && byId.TryGetValue(id, out var index) && visited.Add(id); id = circuits[index].ParentId)
                {
                    circuits[index] = circuits[index] with { MaxCurrentA = circuits[index].MaxCurrentA - reserveA };
                }
            }

            // A circuit that its held chargers take up whole keeps a token limit, as a scenario's circuit must have one above
            // 0: below any charger's minimum current, so nothing else under it is planned to charge.
            foreach (var (circuit, index) in circuits.Select((c, i) => (c, i)).Where(x => x.c.MaxCurrentA < ExhaustedCircuitA).ToList())
            {
                circuits[index] = circuit with { MaxCurrentA = ExhaustedCircuitA };
                warnings.Add($"circuit '{circuit.Id}' is taken up by its held chargers: nothing else below it charges until they are released");
            }
        }

        if (settings.BaseLoadKw + extraBaseLoadKw > 0)
        {
            baseLoad.Add((windowStart, windowEnd, settings.BaseLoadKw + extraBaseLoadKw));
        }

        var sessions = planned
            .Select(p => p with { Departure = p.Departure > windowEnd ? windowEnd : p.Departure })
            .Where(p => p.Departure > p.Arrival)
            .ToList();
        var json = Write(site, circuits, baseLoad, priceList, signals, sessions, windowStart, windowEnd);
        var inputs = new PlanInputs
        {
            RequestId = requestId,
            Reason = reason,
            Prices = prices.Sources,
            PriceFallback = prices.Fallback,
            Sessions = [.. planned.Select(p => p.Input)],
            HeldChargers = heldChargers,
            GridEvents = signals.Events,
            Warnings = warnings,
        };
        return new AssembledScenario(json, inputs, running, drivers);
    }

    private static PlannedSession Plan(
        SessionRecord session, DepartureRecord? driver, SiteRecord site, DateTimeZone zone, Instant now, Duration slot, PlannedEnergy previousPlan)
    {
        var settings = site.Settings;
        Instant departure;
        string departureSource;
        if (driver is not null)
        {
            departure = driver.Departure;
            departureSource = driver.Source;
        }
        else
        {
            try
            {
                departure = DefaultDeparture.For(session.Arrival, zone, settings.DefaultDeparture, settings.DefaultDepartureOnWorkingDays);
            }
            catch (FormatException e)
            {
                throw new SiteConfigurationException($"site '{site.Id}': {e.Message}", e);
            }

            departureSource = "default";
        }

        // The site may hold back a share of the announced stay; once the announced time itself has passed and the car is
        // still plugged in, it is planned an hour at a time rather than stopped at the deadline.
        var planned = DepartureHedge.PlannedDeparture(session.Arrival, departure, now, slot, settings.DepartureMargin);
        if (departure < now + slot)
        {
            departureSource = "overstay";
        }
        else if (planned < departure)
        {
            departureSource += "-hedged";
        }

        departure = planned;

        // What was drawn: the newer of the meter and our own running estimate, plus what the latest plan allowed since.
        var (baseKwh, baseAt, deliveredSource) = session.MeteredKwh is { } metered && session.MeterLastAt is { } readAt && (session.EstimatedAt is null || readAt >= session.EstimatedAt)
            ? (metered, readAt, "meter")
            : (session.EstimatedKwh, session.EstimatedAt ?? session.Arrival, session.EstimatedAt is null ? "none" : "assumed");
        var sincePlan = previousPlan.EnergyKwh(session.Id, baseAt, now);
        if (sincePlan > 0 && deliveredSource != "meter")
        {
            deliveredSource = "assumed";
        }

        var deliveredKwh = baseKwh + sincePlan;
        var requestedKwh = driver?.EnergyKwh ?? settings.DefaultEnergyKwh;
        var energySource = driver?.Source ?? "default";
        if (IsFull(session, previousPlan))
        {
            // The vehicle stopped drawing although it was allowed to: its battery is full, and its capacity goes to others.
            requestedKwh = deliveredKwh;
            energySource = "full";
        }

        var input = new SessionInput(session.Id, departureSource, energySource, deliveredSource, Math.Round(deliveredKwh, 3));
        return new PlannedSession(
            session,
            session.Arrival > now ? session.Arrival : now,
            departure,
            Math.Max(0, requestedKwh - deliveredKwh),
            deliveredKwh,
            input);
    }

    // A meter value with (almost) no power, taken when the plan allowed the session a real share, means the vehicle stopped on its own.
    private static bool IsFull(SessionRecord session, PlannedEnergy previousPlan) =>
        session.MeterLastPowerW is { } powerW && powerW <= FullBatteryPowerW && session.MeterLastAt is { } at
        && previousPlan.EnergyKwh(session.Id, at - FullBatteryLookBack, at) > 0.05;

    private async Task<ResolvedSignals> ResolveSignalsAsync(SiteRecord site, Instant now, Instant windowEnd, List<string> warnings, CancellationToken cancellationToken)
    {
        var stored = await _signals.ListAsync(site.Id, cancellationToken).ConfigureAwait(false);
        var targets = site.Settings.Vtn?.TargetNames is { Count: > 0 } names ? names : [site.Id];
        var book = new GridSignalBook(new GridSignalBookOptions
        {
            TargetNames = [.. targets],
            SimpleLevelLimitsKw = site.Settings.Vtn?.SimpleLevelLimitsKw ?? new Dictionary<int, double>(),
        });
        var count = 0;
        foreach (var gridEvent in stored.Where(e => !e.Deleted))
        {
            var read = OpenAdrEventReader.Read(gridEvent.EventJson, gridEvent.ReceivedAt);
            if (!read.IsValid)
            {
                warnings.Add($"OpenADR event '{gridEvent.EventId}' could not be read: {read.Errors[0].Message}");
                continue;
            }

            book.ApplyAll(read.Events);
            count++;
        }

        var set = book.Resolve(now, windowEnd);
        warnings.AddRange(set.Warnings.Select(w => $"OpenADR: {w.Message}"));
        var overrides = new List<PriceOverride>();
        foreach (var priceOverride in set.PriceOverrides)
        {
            if (string.Equals(priceOverride.Currency, site.Settings.Currency, StringComparison.OrdinalIgnoreCase))
            {
                overrides.Add(priceOverride);
            }
            else
            {
                warnings.Add($"OpenADR price '{priceOverride.Id}' is in {priceOverride.Currency}, the site's prices in {site.Settings.Currency}: ignored");
            }
        }

        return new ResolvedSignals(set.GridSignals, overrides, count);
    }

    // The site's layout alone, read through the scenario reader, to ask the profile builder for fail-safe currents.
    private static Site ReadLayout(SiteRecord site, Instant start, Instant end)
    {
        var json = Write(site, site.Circuits, [], [new PriceInterval(start, end, 0)], new ResolvedSignals([], [], 0), [], start, end);
        var read = ScenarioReader.Read(json);
        return read.IsValid
            ? read.Problem!.Site
            : throw new SiteConfigurationException($"site '{site.Id}' is not a valid site: {string.Join("; ", read.Errors.Take(5).Select(e => $"{e.Path}: {e.Message}"))}");
    }

    private static string Write(
        SiteRecord site,
        IReadOnlyList<CircuitRecord> circuits,
        IReadOnlyList<(Instant Start, Instant End, double Kw)> baseLoad,
        IReadOnlyList<PriceInterval> prices,
        ResolvedSignals signals,
        IReadOnlyList<PlannedSession> sessions,
        Instant start,
        Instant end)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteNumber("version", 1);
            json.WriteStartObject("site");
            json.WriteString("id", site.Id);
            json.WriteString("timeZone", site.TimeZone);
            json.WriteNumber("voltageV", site.VoltageV);
            json.WriteNumber("gridLimitKw", site.GridLimitKw);
            json.WriteStartArray("circuits");
            foreach (var circuit in circuits)
            {
                json.WriteStartObject();
                json.WriteString("id", circuit.Id);
                json.WriteString("parentId", circuit.ParentId);
                json.WriteNumber("maxCurrentA", circuit.MaxCurrentA);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteStartArray("chargers");
            foreach (var charger in site.Chargers)
            {
                json.WriteStartObject();
                json.WriteString("id", charger.Id);
                json.WriteString("circuitId", charger.CircuitId);
                json.WriteNumber("maxCurrentA", charger.MaxCurrentA);
                json.WriteNumber("minCurrentA", charger.MinCurrentA);
                json.WriteNumber("phases", charger.Phases);
                json.WriteString("phaseRotation", charger.PhaseRotation);
                json.WriteNumber("maxSchedulePeriods", charger.MaxSchedulePeriods);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteStartArray("baseLoadKw");
            foreach (var (from, to, kw) in baseLoad)
            {
                WriteSpan(json, null, from, to, "kw", kw);
            }

            json.WriteEndArray();
            json.WriteEndObject();

            json.WriteStartObject("tariff");
            json.WriteString("currency", site.Settings.Currency);
            json.WriteNumber("demandChargePerKw", site.Settings.DemandChargePerKw);
            json.WriteStartArray("prices");
            foreach (var price in prices)
            {
                WriteSpan(json, null, price.Start, price.End, "perKwh", price.PerKwh);
            }

            json.WriteEndArray();
            json.WriteEndObject();

            json.WriteStartArray("gridSignals");
            foreach (var signal in signals.Limits)
            {
                WriteSpan(json, signal.Id, signal.Start, signal.End, "maxImportKw", signal.MaxImportKw);
            }

            json.WriteEndArray();
            json.WriteStartArray("priceOverrides");
            foreach (var priceOverride in signals.Prices)
            {
                WriteSpan(json, priceOverride.Id, priceOverride.Start, priceOverride.End, "perKwh", priceOverride.PerKwh);
            }

            json.WriteEndArray();
            json.WriteStartArray("sessions");
            foreach (var planned in sessions)
            {
                var charger = site.Chargers.First(c => c.Id == planned.Session.ChargerId);
                json.WriteStartObject();
                json.WriteString("id", planned.Session.Id);
                json.WriteString("chargerId", planned.Session.ChargerId);
                if (planned.Session.VehicleId is { } vehicle)
                {
                    json.WriteString("vehicleId", vehicle);
                }

                json.WriteString("transactionId", planned.Session.TransactionId);
                json.WriteString("arrival", Format(planned.Arrival));
                json.WriteString("departure", Format(planned.Departure));
                json.WriteNumber("energyKwh", Math.Round(planned.EnergyKwh, 3));
                json.WriteNumber("maxCurrentA", charger.MaxCurrentA);
                json.WriteNumber("phases", charger.Phases);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteStartObject("planning");
            json.WriteString("start", Format(start));
            json.WriteString("end", Format(end));
            json.WriteNumber("slotMinutes", site.Settings.SlotMinutes);
            json.WriteEndObject();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    // An interval of the scenario file: an optional id, its start and end, and one value.
    private static void WriteSpan(Utf8JsonWriter json, string? id, Instant start, Instant end, string valueName, double value)
    {
        json.WriteStartObject();
        if (id is not null)
        {
            json.WriteString("id", id);
        }

        json.WriteString("start", Format(start));
        json.WriteString("end", Format(end));
        json.WriteNumber(valueName, value);
        json.WriteEndObject();
    }



    private static Instant Max(Instant a, Instant b) => a > b ? a : b;

    private static string Format(Instant instant) => InstantPattern.ExtendedIso.Format(instant);

    private sealed record PlannedSession(SessionRecord Session, Instant Arrival, Instant Departure, double EnergyKwh, double DeliveredKwh, SessionInput Input);

    private sealed record ResolvedSignals(IReadOnlyList<GridSignal> Limits, IReadOnlyList<PriceOverride> Prices, int Events);
}
