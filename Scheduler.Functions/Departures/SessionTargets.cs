using NodaTime;
using Scheduler.Functions.Sessions;

namespace Scheduler.Functions.Departures;

/// <summary>
/// What a session is planned to: a running boost first, then what the driver set (see <see cref="DepartureStore"/>),
/// then the vehicle's recurring departure for the day; null leaves the site's default.
/// </summary>
public sealed class SessionTargets
{
    private readonly RecurringDepartureStore _recurring;
    private readonly BoostStore _boosts;

    /// <summary>Creates the service.</summary>
    public SessionTargets(RecurringDepartureStore recurring, BoostStore boosts)
    {
        _recurring = recurring;
        _boosts = boosts;
    }

    /// <summary>A site's weeks and boosts, read at once (two queries) to decide for every session of a plan.</summary>
    public async Task<SiteTargets> ListAsync(string siteId, CancellationToken cancellationToken = default)
    {
        var weeks = await _recurring.ListAsync(siteId, cancellationToken).ConfigureAwait(false);
        var boosts = await _boosts.ListAsync(siteId, cancellationToken).ConfigureAwait(false);
        return new SiteTargets(weeks, boosts);
    }

    /// <summary>A site's weeks and boosts as read at once.</summary>
    public sealed class SiteTargets
    {
        internal SiteTargets(IReadOnlyDictionary<string, WeeklyDepartures> weeks, IReadOnlyDictionary<string, Boost> boosts)
        {
            Weeks = weeks;
            Boosts = boosts;
        }

        /// <summary>The weeks by vehicle.</summary>
        public IReadOnlyDictionary<string, WeeklyDepartures> Weeks { get; }

        /// <summary>The latest boost by vehicle.</summary>
        public IReadOnlyDictionary<string, Boost> Boosts { get; }

        /// <summary>The setting a session is planned to at <paramref name="now"/>; null when the site's default applies.</summary>
        /// <param name="session">The session.</param>
        /// <param name="driver">What the driver set for it, if anything.</param>
        /// <param name="zone">The site's zone, for the recurring local times.</param>
        /// <param name="now">The planning instant: a boost counts until its end.</param>
        public DepartureRecord? Find(SessionRecord session, DepartureRecord? driver, DateTimeZone zone, Instant now)
        {
            ArgumentNullException.ThrowIfNull(session);
            if (session.VehicleId is not { } vehicleId)
            {
                return driver;
            }

            // A boost belongs to the session it was asked for, and only until its end.
            if (Boosts.TryGetValue(vehicleId, out var boost) && boost.SessionId == session.Id && boost.Until > now)
            {
                return boost.AsDeparture();
            }

            if (driver is not null || !Weeks.TryGetValue(vehicleId, out var week) || week.After(session.Arrival, zone) is not { } next)
            {
                return driver;
            }

            return new DepartureRecord(next.Departure, next.EnergyKwh, session.Arrival, session.Arrival, $"recurring:{vehicleId}") { Source = DepartureSources.Recurring };
        }
    }
}
