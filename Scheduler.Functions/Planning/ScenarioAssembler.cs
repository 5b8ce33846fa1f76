using NodaTime;
using NodaTime.Text;
using Scheduler.Functions.Billing;
using Scheduler.Functions.Departures;
using Scheduler.Functions.Habits;
using Scheduler.Functions.Sessions;
using Scheduler.Functions.Signals;
using Scheduler.Functions.Sites;
using Scheduler.Optimizer.Model;
using Scheduler.Protocols.OpenAdr;
using Scheduler.Protocols.Ocpp;
using Scheduler.Protocols.Planning;
using Scheduler.Protocols.Plans;
using Scheduler.Protocols.Scenarios;

namespace Scheduler.Functions.Planning;

/// <summary>
/// Builds a site's scenario file (v1) from the tables: it maps what the tables hold onto a <see cref="SiteSnapshot"/>
/// and plans it through <see cref="PlanningProblemBuilder"/>, the path the replay measures, then writes the problem
/// with <see cref="ScenarioWriter"/> so that the app plans through exactly the code path of <c>scheduler plan</c>.
/// Each demand charge of the site's billing period carries the peak recorded so far, and the drivers' habits come
/// from their ended sessions. Missing inputs are replaced on purpose and recorded: a driver's silence by the site's
/// default departure and energy, missing meter values by what earlier plans allowed, a failing price feed by the
/// fallbacks of <see cref="PriceAssembler"/>. Demand-response limits enter as hard limits, whatever the price.
/// </summary>
public sealed class ScenarioAssembler
{
    /// <summary>The shortest window planned, so that a site without sessions still gets its fail-safe profiles.</summary>
    public static readonly Duration MinimumWindow = PlanningProblemBuilder.MinimumWindow;

    // The limit written for a circuit that held chargers take up whole, in A: above 0, and below any minimum current.
    private const double ExhaustedCircuitA = 0.1;

    private readonly DepartureStore _departures;
    private readonly GridSignalStore _signals;
    private readonly PriceAssembler _prices;
    private readonly SiteBilling _billing;
    private readonly VehicleHistoryStore _habits;
    private readonly SessionTargets _targets;

    /// <summary>Creates the assembler.</summary>
    public ScenarioAssembler(DepartureStore departures, GridSignalStore signals, PriceAssembler prices, SiteBilling billing, VehicleHistoryStore habits, SessionTargets targets)
    {
        _departures = departures;
        _signals = signals;
        _prices = prices;
        _billing = billing;
        _habits = habits;
        _targets = targets;
    }

    /// <summary>Assembles the scenario of <paramref name="site"/> as it stands at <paramref name="now"/>.</summary>
    /// <param name="site">The site.</param>
    /// <param name="now">The planning instant: the window starts in its slot.</param>
    /// <param name="previousPlan">The site's latest plan: the power it allowed, to estimate what sessions drew since their last meter value, and the batteries it found full.</param>
    /// <param name="sessions">The site's sessions as this plan read them (<see cref="SiteSessions.ReadAsync"/>): not read again here.</param>
    /// <param name="requestId">The plan request, for the record.</param>
    /// <param name="reason">Why the plan was asked for, for the record.</param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    /// <exception cref="SiteConfigurationException">The site's configuration cannot be planned.</exception>
    public async Task<AssembledScenario> AssembleAsync(
        SiteRecord site, Instant now, PreviousPlan previousPlan, SiteSessions sessions, string requestId, string reason, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(site);
        ArgumentNullException.ThrowIfNull(previousPlan);
        ArgumentNullException.ThrowIfNull(sessions);
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

        var plugged = new List<(SessionRecord Record, PluggedSession Session, string Delivered, SessionAnnouncement Announced)>();
        var held = new List<(ChargerRecord Charger, string Reason)>();
        var running = sessions.Running;
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

            // What the driver and the vehicle announced, joined by one rule (SessionAnnouncements).
            var announced = SessionAnnouncements.Resolve(session, targets.Find(session, drivers.Find(session), zone, now), charger, site);
            var (pluggedSession, delivered) = Plugged(session, announced, now, previousPlan);
            plugged.Add((session, pluggedSession, delivered, announced));
        }

        foreach (var charger in site.Chargers.Where(c => c.HeldTransactionId is not null && held.All(h => h.Charger.Id != c.Id)))
        {
            // A hold outlives its session only until a new transaction starts; with no session it reserves nothing.
            warnings.Add($"charger '{charger.Id}' is held ({charger.HeldReason}) but has no running session");
        }

        var (model, heldChargers) = SiteModel(SessionAnnouncements.WithScheduleBudgets(site, plugged.Select(p => (p.Record, p.Announced))), zone, held, windowStart, warnings);
        var snapshot = new SiteSnapshot
        {
            Site = model,
            Currency = settings.Currency,
            Prices = [],
            Sessions = [.. plugged.Select(p => p.Session)],
            Defaults = Defaults(settings),
            Habits = await _habits.LearnAsync(site.Id, now, cancellationToken).ConfigureAwait(false),
            Now = now,
            SlotLength = slot,
        };
        var needed = PlanningProblemBuilder.NeededWindow(snapshot, Decide(site, snapshot));

        var prices = await _prices.PriceAsync(site, zone, windowStart, needed.End, now, cancellationToken).ConfigureAwait(false);
        warnings.AddRange(prices.Warnings);
        var pricedEnd = SlotGrid.Floor(prices.End, slot);
        var priceList = prices.Prices;
        if (pricedEnd <= windowStart)
        {
            // Prices end inside the first slot: plan that slot alone on its price, stretched to the slot's end.
            pricedEnd = windowStart + slot;
            priceList = [.. priceList.Take(priceList.Count - 1), new PriceInterval(priceList[^1].Start, pricedEnd, priceList[^1].PerKwh)];
        }

        var windowEnd = pricedEnd < needed.End ? pricedEnd : needed.End;
        var signals = await ResolveSignalsAsync(site, now, windowEnd, warnings, cancellationToken).ConfigureAwait(false);
        // The peaks include the slots that passed since the plan before, as the replay counts a slot the moment it ends,
        // with what the sessions that stopped since then drew up to their stop.
        var stopped = sessions.Stopped.Select(s => (s, s.MeteredKwh ?? s.EstimatedKwh)).ToList();
        var drawn = plugged.Select(p => (p.Record, p.Session.DeliveredKwh)).Concat(stopped).ToList();
        var billing = await _billing.ChargesAsync(site, zone, windowStart, windowEnd, drawn, now, cancellationToken).ConfigureAwait(false);
        var request = Build(site, snapshot with
        {
            Prices = signals.Prices.Count == 0 ? priceList : PriceOverlay.Apply(priceList, [.. signals.Prices.Select(o => new PriceInterval(o.Start, o.End, o.PerKwh))]),
            DemandCharges = billing.Charges,
            Peaks = billing.Peaks,
            DrawnThisSlotKwh = billing.DrawnThisSlotKwh,
            GridSignals = signals.Limits,
        });

        var inputs = new PlanInputs
        {
            RequestId = requestId,
            Reason = reason,
            Prices = prices.Sources,
            PriceFallback = prices.Fallback,
            Sessions = [.. plugged.Select((p, i) => Input(p.Record, p.Session, p.Delivered, request.Sessions[i]) with
            {
                Limits = p.Announced.Limits.Source,
                Note = p.Announced.Note.Length > 0 ? p.Announced.Note : null,
            })],
            HeldChargers = heldChargers,
            GridEvents = signals.Events,
            Warnings = warnings,
            PeaksSoFarKw = request.Problem.Tariff.DemandCharges.ToDictionary(c => c.Id, c => Math.Round(c.PeakSoFarKw, 3), StringComparer.Ordinal),
            DrawnThisSlotKwh = Math.Round(request.Problem.DrawnSoFarKwh, 3),
        };
        return new AssembledScenario(ScenarioWriter.Write(request.Problem), inputs, running, drivers, stopped);
    }

    private static PlanningDefaults Defaults(SiteSettings settings) => new()
    {
        DefaultDeparture = settings.DefaultDeparture,
        DefaultDepartureOnWorkingDays = settings.DefaultDepartureOnWorkingDays,
        DefaultEnergyKwh = settings.DefaultEnergyKwh,
        DepartureMargin = settings.DepartureMargin,
        TopUpToFull = settings.TopUpToFull,
        MaxHorizon = Duration.FromHours(Math.Max(1, settings.MaxHorizonHours)),
    };

    // A bad default departure is the site's configuration, said as such.
    private static IReadOnlyList<SessionDecision> Decide(SiteRecord site, SiteSnapshot snapshot)
    {
        try
        {
            return PlanningProblemBuilder.Decide(snapshot);
        }
        catch (FormatException e)
        {
            throw new SiteConfigurationException($"site '{site.Id}': {e.Message}", e);
        }
    }

    private static PlanningRequest Build(SiteRecord site, SiteSnapshot snapshot)
    {
        try
        {
            return PlanningProblemBuilder.Build(snapshot);
        }
        catch (Exception e) when (e is FormatException or ArgumentException)
        {
            throw new SiteConfigurationException($"site '{site.Id}' does not make a valid scenario: {e.Message}", e);
        }
    }

    // The session as the planner takes it: the driver's announcement, and what was drawn by now, the newer of the meter
    // and our own running estimate, plus what the latest plan allowed since; a battery that plan found full stays full.
    private static (PluggedSession Session, string Delivered) Plugged(SessionRecord session, SessionAnnouncement announced, Instant now, PreviousPlan previousPlan)
    {
        var (baseKwh, baseAt, deliveredSource) = session.MeteredKwh is { } metered && session.MeterLastAt is { } readAt && (session.EstimatedAt is null || readAt >= session.EstimatedAt)
            ? (metered, readAt, "meter")
            : (session.EstimatedKwh, session.EstimatedAt ?? session.Arrival, session.EstimatedAt is null ? "none" : "assumed");
        var sincePlan = previousPlan.Energy.EnergyKwh(session.Id, baseAt, now);
        if (sincePlan > 0 && deliveredSource != "meter")
        {
            deliveredSource = "assumed";
        }

        var plugged = new PluggedSession
        {
            Id = session.Id,
            ChargerId = session.ChargerId,
            VehicleId = session.VehicleId,
            TransactionId = session.TransactionId,
            Arrival = session.Arrival,
            AnnouncedDeparture = announced.Departure,
            DepartureSource = announced.DepartureSource ?? "driver",
            AnnouncedEnergyKwh = announced.EnergyKwh,
            EnergySource = announced.EnergySource ?? "driver",
            MaxCurrentA = announced.Limits.MaxCurrentA,
            MinCurrentA = announced.Limits.MinCurrentA,
            Phases = announced.Limits.Phases,
            DeliveredKwh = Math.Round(baseKwh + sincePlan, 3),
            MeterPowerW = session.MeterLastPowerW,
            AllowedBeforeMeterKwh = session.MeterLastAt is { } at ? previousPlan.Energy.EnergyKwh(session.Id, at - FullBattery.LookBack, at) : 0,
            FullBefore = previousPlan.FoundFull(session.Id),
        };
        return (plugged, deliveredSource);
    }

    private static SessionInput Input(SessionRecord record, PluggedSession session, string delivered, SessionDecision decision) =>
        new(session.Id, decision.Departure, decision.Energy, delivered, session.DeliveredKwh)
        {
            VehicleId = record.VehicleId,
            AnnouncedDeparture = InstantPattern.ExtendedIso.Format(decision.AnnouncedDeparture),
            AnnouncedEnergyKwh = session.AnnouncedEnergyKwh,
            PlannedDeparture = InstantPattern.ExtendedIso.Format(decision.PlannedDeparture),
        };

    // The site's layout as the planner sees it: held chargers are planned around, their fail-safe current taken off
    // every circuit above them and their power off the site, with the site's base load over the horizon.
    private static (Site Site, List<HeldCharger> Held) SiteModel(
        SiteRecord site, DateTimeZone zone, List<(ChargerRecord Charger, string Reason)> held, Instant windowStart, List<string> warnings)
    {
        var layout = Layout(site, zone, site.Circuits, []);
        var circuits = site.Circuits.ToList();
        var heldChargers = new List<HeldCharger>();
        var extraBaseLoadKw = 0.0;
        foreach (var (charger, why) in held)
        {
            var reserveA = (double)ChargingProfileBuilder.FailSafeCurrentA(layout.Chargers.First(c => c.Id == charger.Id), layout);
            heldChargers.Add(new HeldCharger(charger.Id, reserveA, why));
            extraBaseLoadKw += reserveA * site.VoltageV * charger.Phases / 1000.0;
            foreach (var above in layout.CircuitsAbove(charger.CircuitId))
            {
                var index = circuits.FindIndex(c => c.Id == above.Id);
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

        var baseKw = site.Settings.BaseLoadKw + extraBaseLoadKw;
        var horizonEnd = windowStart + Duration.FromHours(Math.Max(1, site.Settings.MaxHorizonHours)) + Duration.FromHours(1);
        return (Layout(site, zone, circuits, baseKw > 0 ? [new BaseLoadInterval(windowStart, horizonEnd, baseKw)] : []), heldChargers);
    }

    // The site model of the records; a record the model refuses is the site's configuration.
    private static Site Layout(SiteRecord site, DateTimeZone zone, IReadOnlyList<CircuitRecord> circuits, IReadOnlyList<BaseLoadInterval> baseLoad)
    {
        try
        {
            return new Site(
                site.Id,
                zone,
                site.VoltageV,
                site.GridLimitKw,
                [.. circuits.Select(c => new Circuit(c.Id, c.ParentId, c.MaxCurrentA))],
                [.. site.Chargers.Select(c => new Charger(c.Id, c.CircuitId, c.MaxCurrentA, c.MinCurrentA, c.Phases, Enum.Parse<PhaseRotation>(c.PhaseRotation), c.MaxSchedulePeriods))],
                baseLoad);
        }
        catch (ArgumentException e)
        {
            throw new SiteConfigurationException($"site '{site.Id}' is not a valid site: {e.Message}", e);
        }
    }

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

    private sealed record ResolvedSignals(IReadOnlyList<GridSignal> Limits, IReadOnlyList<PriceOverride> Prices, int Events);
}
