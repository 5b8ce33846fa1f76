using NodaTime;
using Scheduler.Optimizer.Model;
using Scheduler.Optimizer.Solving;
using Scheduler.Protocols.Sessions;

namespace Scheduler.Protocols.Planning;

/// <summary>
/// The one planning path: turns a <see cref="SiteSnapshot"/> into the planning problem and the solver options. The
/// Functions app (<c>PlanSite</c>) and the replay (<c>scheduler simulate</c>) both plan through it, so the replay
/// measures what production runs: one full-battery rule, one departure rule, one window rule, one set of options.
/// </summary>
public static class PlanningProblemBuilder
{
    /// <summary>The shortest window planned, so that a site without sessions still gets its fail-safe profiles.</summary>
    public static readonly Duration MinimumWindow = Duration.FromHours(1);

    // The least share of the announced stay a learned driver is planned within, as the largest margin a site may set.
    private const double MinLearnedStayShare = 0.1;

    // The decimals of a session's energy so far, in kWh: to the Wh.
    private const int DeliveredDecimals = 3;

    /// <summary>
    /// The options of every plan: the snapshot's time limit, and no exact stage, which on a 32-session day took seconds
    /// for no better plan and would make a replay of a month take hours.
    /// </summary>
    public static SolverOptions Options(PlanningDefaults defaults)
    {
        ArgumentNullException.ThrowIfNull(defaults);
        return new SolverOptions { TimeLimit = defaults.SolverTimeLimit, ExactStageMaxPairs = 0 };
    }

    /// <summary>What the plan assumes of each plugged-in session, in the snapshot's order.</summary>
    /// <exception cref="FormatException">The default departure is not a local time HH:mm.</exception>
    public static IReadOnlyList<SessionDecision> Decide(SiteSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        return [.. snapshot.Sessions.Select(s => Decide(snapshot, s))];
    }

    /// <summary>
    /// The window the sessions need, before prices are known: from the slot of the planning instant to the latest
    /// planned departure (at least <see cref="MinimumWindow"/>), at most the horizon ahead.
    /// </summary>
    public static PlanningWindow NeededWindow(SiteSnapshot snapshot, IReadOnlyList<SessionDecision> decisions)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(decisions);
        var slot = snapshot.SlotLength;
        var start = SlotGrid.Floor(snapshot.Now, slot);
        var latest = decisions.Count == 0 ? start : decisions.Max(d => d.PlannedDeparture);
        var end = SlotGrid.Ceiling(Max(latest, start + MinimumWindow), slot);
        var horizonEnd = start + snapshot.Defaults.MaxHorizon;
        return new PlanningWindow(start, end > horizonEnd ? SlotGrid.Floor(horizonEnd, slot) : end, slot);
    }

    /// <summary>Builds the problem: the needed window cut where the prices end, and every session in it.</summary>
    /// <exception cref="FormatException">The default departure is not a local time HH:mm.</exception>
    /// <exception cref="ArgumentException">The prices end before the first slot does.</exception>
    public static PlanningRequest Build(SiteSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var decisions = Decide(snapshot);
        var needed = NeededWindow(snapshot, decisions);
        var pricedEnd = snapshot.Prices.Count == 0 ? needed.Start : SlotGrid.Floor(snapshot.Prices.Max(p => p.End), snapshot.SlotLength);
        var end = pricedEnd < needed.End ? pricedEnd : needed.End;
        if (end <= needed.Start)
        {
            throw new ArgumentException($"the prices end at {pricedEnd}, before the first slot from {needed.Start} does", nameof(snapshot));
        }

        var window = new PlanningWindow(needed.Start, end, snapshot.SlotLength);
        var problem = new PlanningProblem(
            Within(snapshot.Site, window),
            new Tariff(snapshot.Currency, PricesWithin(snapshot.Prices, window), snapshot.Peaks.Apply([.. snapshot.DemandCharges.Where(c => Touches(c, window))])),
            [.. snapshot.GridSignals.Where(g => g.End > window.Start && g.Start < window.End)],
            Sessions(snapshot, decisions, window),
            window)
        {
            DrawnSoFarKwh = window.Start < snapshot.Now ? snapshot.DrawnThisSlotKwh : 0,
        };
        return new PlanningRequest(problem, Options(snapshot.Defaults), decisions);
    }

    private static SessionDecision Decide(SiteSnapshot snapshot, PluggedSession session)
    {
        var defaults = snapshot.Defaults;
        var announced = session.AnnouncedDeparture
            ?? DefaultDeparture.For(session.Arrival, snapshot.Site.TimeZone, defaults.DefaultDeparture, defaults.DefaultDepartureOnWorkingDays);
        var departureSource = session.AnnouncedDeparture is null ? "default" : session.DepartureSource;

        // A driver's own habits (or the site's) say how much of the announced stay to count on, less or more; the fixed
        // margin is the fallback for a site that has learned nothing yet.
        var share = snapshot.Habits.StayShare(session.VehicleId);
        var stayShare = share is { } learned ? Math.Max(learned, MinLearnedStayShare) : 1 - defaults.DepartureMargin;
        var planned = DepartureHedge.PlannedDeparture(session.Arrival, announced, snapshot.Now, snapshot.SlotLength, stayShare);
        if (announced < snapshot.Now + snapshot.SlotLength)
        {
            departureSource = "overstay";
        }
        else if (planned != announced)
        {
            departureSource += share is null ? "-hedged" : "-learned";
        }

        var full = FullBattery.IsFull(session);
        var requested = session.AnnouncedEnergyKwh ?? defaults.DefaultEnergyKwh;
        var energySource = full ? FullBattery.EnergySource : session.AnnouncedEnergyKwh is null ? "default" : session.EnergySource;

        // Where the plan tops vehicles up, a driver's own history says how much of their request to count on firmly;
        // the rest is top-up, given where it raises no peak.
        var energyShare = defaults.TopUpToFull && session.AnnouncedEnergyKwh is not null ? snapshot.Habits.EnergyShare(session.VehicleId) : null;
        if (!full && energyShare < 1)
        {
            energySource += "-learned";
        }

        // Energy so far counts to the Wh, as a charger's meter reports it, whichever path measured it.
        var energy = full ? 0 : Math.Max(0, (requested * (energyShare ?? 1)) - Math.Round(session.DeliveredKwh, DeliveredDecimals));
        return new SessionDecision(session.Id, departureSource, energySource, announced, planned, energy);
    }

    // Each session from the later of its arrival and now to its planned departure, cut at the window's end.
    private static List<Session> Sessions(SiteSnapshot snapshot, IReadOnlyList<SessionDecision> decisions, PlanningWindow window)
    {
        var chargers = snapshot.Site.Chargers.ToDictionary(c => c.Id, StringComparer.Ordinal);
        var sessions = new List<Session>();
        for (var i = 0; i < decisions.Count; i++)
        {
            var plugged = snapshot.Sessions[i];
            var decision = decisions[i];
            var arrival = Max(plugged.Arrival, snapshot.Now);
            var departure = decision.PlannedDeparture < window.End ? decision.PlannedDeparture : window.End;
            if (departure <= arrival)
            {
                continue;
            }

            var charger = chargers.TryGetValue(plugged.ChargerId, out var c)
                ? c
                : throw new ArgumentException($"session '{plugged.Id}' is on charger '{plugged.ChargerId}', which the site does not have", nameof(snapshot));
            // What the vehicle said of itself tightens its charger's limits, never loosens them.
            var maxCurrentA = Math.Min(charger.MaxCurrentA, plugged.MaxCurrentA ?? charger.MaxCurrentA);
            var phases = Math.Min(charger.Phases, plugged.Phases ?? charger.Phases);
            var minCurrentA = plugged.MinCurrentA is { } min && min > charger.MinCurrentA && min <= maxCurrentA ? min : (double?)null;
            var energyKwh = Math.Round(decision.EnergyKwh, 3);
            sessions.Add(new Session(plugged.Id, charger.Id, arrival, departure, energyKwh, maxCurrentA, phases, plugged.VehicleId, plugged.TransactionId, minCurrentA)
            {
                TopUpKwh = TopUp(snapshot, decision, energyKwh, maxCurrentA * phases * snapshot.Site.VoltageV / 1000, departure - arrival),
            });
        }

        return sessions;
    }

    // What the charger could still give beyond the request by the planned departure, where the site tops vehicles up
    // and the vehicle is not full: the plan gives it where it raises no peak, and a vehicle that fills stops drawing.
    private static double TopUp(SiteSnapshot snapshot, SessionDecision decision, double energyKwh, double maxKw, Duration stay) =>
        !snapshot.Defaults.TopUpToFull || decision.Energy == FullBattery.EnergySource
            ? 0
            : Math.Round(Math.Max(0, (maxKw * stay.TotalHours) - energyKwh), 3);

    // The site with its base-load forecast cut to the window.
    private static Site Within(Site site, PlanningWindow window)
    {
        var baseLoad = site.BaseLoad
            .Where(b => b.End > window.Start && b.Start < window.End)
            .Select(b => new BaseLoadInterval(Max(b.Start, window.Start), Min(b.End, window.End), b.Kw))
            .ToList();
        return new Site(site.Id, site.TimeZone, site.VoltageV, site.GridLimitKw, site.Circuits, site.Chargers, baseLoad);
    }

    // The prices that meet the window, the last cut at its end.
    private static List<PriceInterval> PricesWithin(IReadOnlyList<PriceInterval> prices, PlanningWindow window) =>
        [.. prices
            .Where(p => p.End > window.Start && p.Start < window.End)
            .Select(p => p.End > window.End ? new PriceInterval(p.Start, window.End, p.PerKwh) : p)];

    // A charge counts where it covers a slot of the window: its intervals meet it, or it has none (every slot).
    private static bool Touches(DemandCharge charge, PlanningWindow window) =>
        charge.Intervals.Count == 0 || charge.Intervals.Any(i => i.End > window.Start && i.Start < window.End);

    private static Instant Max(Instant a, Instant b) => a > b ? a : b;

    private static Instant Min(Instant a, Instant b) => a < b ? a : b;
}
