using NodaTime;
using Scheduler.Cli.Simulation;
using Scheduler.Functions.Billing;
using Scheduler.Functions.Sites;
using Scheduler.Optimizer.Model;
using Scheduler.Protocols.History;
using Scheduler.Tests.Protocols.History;

namespace Scheduler.Tests.Functions.Planning;

/// <summary>
/// A real day of the Caltech ACN data on a small test site: the sessions that arrived within its hours, each on the
/// first charger free, on whole minutes (arrivals and announcements rounded up, departures down), so that the app's
/// events fall on the replay's minutes.
/// </summary>
internal static class CaltechDay
{
    /// <summary>The replay of the sessions arriving from <paramref name="start"/> to <paramref name="end"/> on <paramref name="site"/>.</summary>
    public static SimulationInput Input(SiteRecord site, Instant start, Instant end, IReadOnlyList<PriceInterval> prices, TimeSpan solverTimeLimit)
    {
        var zone = DateTimeZoneProviders.Tzdb[site.TimeZone];
        var settings = site.Settings;
        return new SimulationInput
        {
            Site = Model(site, zone),
            Tariff = new Tariff(settings.Currency, prices, SiteBilling.Charges(site, zone, start, end)),
            Sessions = Sessions(site, start, end),
            Start = start,
            End = end,
            SlotLength = Duration.FromMinutes(settings.SlotMinutes),
            DefaultDeparture = settings.DefaultDeparture,
            DefaultDepartureOnWorkingDays = settings.DefaultDepartureOnWorkingDays,
            DefaultEnergyKwh = settings.DefaultEnergyKwh,
            DepartureMargin = settings.DepartureMargin,
            MaxHorizon = Duration.FromHours(settings.MaxHorizonHours),
            SolverTimeLimit = solverTimeLimit,
        };
    }

    // The site's layout as the planner sees it, without base load.
    private static Site Model(SiteRecord site, DateTimeZone zone) => new(
        site.Id,
        zone,
        site.VoltageV,
        site.GridLimitKw,
        [.. site.Circuits.Select(c => new Circuit(c.Id, c.ParentId, c.MaxCurrentA))],
        [.. site.Chargers.Select(c => new Charger(c.Id, c.CircuitId, c.MaxCurrentA, c.MinCurrentA, c.Phases, Enum.Parse<PhaseRotation>(c.PhaseRotation), c.MaxSchedulePeriods))],
        []);

    // Each session on the first charger free at its arrival, named as the app names it: charger and transaction.
    private static List<HistoricalSession> Sessions(SiteRecord site, Instant start, Instant end)
    {
        var history = SessionHistoryReader.ReadAcnData(SessionSamples.Text(SessionSamples.Caltech)).Sessions;
        var freeFrom = site.Chargers.Select(_ => start).ToArray();
        var placed = new List<HistoricalSession>();
        foreach (var session in history.Where(s => s.Arrival >= start && s.Arrival < end))
        {
            var arrival = Up(session.Arrival);
            var departure = Down(session.Departure);
            var charger = Array.FindIndex(freeFrom, f => f <= arrival);
            if (departure <= arrival || charger < 0)
            {
                continue;
            }

            freeFrom[charger] = departure;
            var id = $"{site.Chargers[charger].Id}:tx-{placed.Count + 1}";
            var said = session.Announcements.Select(a => new Announcement(Up(a.At), a.Departure, a.EnergyKwh)).ToList();
            placed.Add(new HistoricalSession(id, site.Chargers[charger].Id, arrival, departure, session.EnergyKwh, said) { VehicleId = session.VehicleId });
        }

        return placed;
    }

    private static Instant Up(Instant at) => Down(at) == at ? at : Down(at) + Duration.FromMinutes(1);

    private static Instant Down(Instant at) => Instant.FromUnixTimeTicks(at.ToUnixTimeTicks() / NodaConstants.TicksPerMinute * NodaConstants.TicksPerMinute);
}
