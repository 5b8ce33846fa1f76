using System.Collections.Immutable;
using NodaTime;

namespace Scheduler.Protocols.Planning;

/// <summary>
/// What a site has learned of its drivers: per vehicle, the share of the announced stay it really stayed, from its own
/// ended sessions. A plan aims to be done by the time the driver leaves after with high probability: a low quantile of
/// that share (<see cref="Quantile"/>) times the announced stay. A vehicle with too few sessions of its own takes the
/// site's distribution; a site with too few, the fixed departure margin. Only sessions that ended before the planning
/// instant are learned from.
/// </summary>
public sealed class DriverHabits
{
    /// <summary>The share of stays a plan may still end after: plans aim at the 10th percentile of the stay share.</summary>
    public const double Quantile = 0.1;

    /// <summary>The fewest ended sessions of a vehicle that speak for it.</summary>
    public const int MinVehicleSessions = 3;

    /// <summary>The fewest ended sessions of the site that speak for a new driver.</summary>
    public const int MinSiteSessions = 10;

    /// <summary>The most recent sessions of a vehicle kept: habits change.</summary>
    public const int MaxVehicleSessions = 30;

    private readonly ImmutableDictionary<string, double> _byVehicle;
    private readonly double? _site;

    private DriverHabits(ImmutableDictionary<string, double> byVehicle, double? site, int learnedFrom)
    {
        _byVehicle = byVehicle;
        _site = site;
        LearnedFrom = learnedFrom;
    }

    /// <summary>Nothing learned: every session is planned with the fixed margin.</summary>
    public static DriverHabits None { get; } = new(ImmutableDictionary<string, double>.Empty, null, 0);

    /// <summary>How many ended sessions were learned from.</summary>
    public int LearnedFrom { get; }

    /// <summary>Learns from the sessions that ended before <paramref name="now"/>; the others are not looked at.</summary>
    public static DriverHabits Learn(IEnumerable<EndedSession> sessions, Instant now)
    {
        ArgumentNullException.ThrowIfNull(sessions);
        var ended = sessions.Where(s => s.Departure <= now && s.AnnouncedDeparture > s.Arrival).OrderBy(s => s.Departure).ToList();
        var site = ended.Select(StayShare).ToList();
        var byVehicle = ended
            .Where(s => s.VehicleId is not null)
            .GroupBy(s => s.VehicleId!, StringComparer.Ordinal)
            .Select(g => (g.Key, Shares: g.TakeLast(MaxVehicleSessions).Select(StayShare).ToList()))
            .Where(v => v.Shares.Count >= MinVehicleSessions)
            .ToImmutableDictionary(v => v.Key, v => QuantileOf(v.Shares), StringComparer.Ordinal);
        return new DriverHabits(byVehicle, site.Count >= MinSiteSessions ? QuantileOf(site) : null, ended.Count);
    }

    /// <summary>
    /// The share of its announced stay that <paramref name="vehicleId"/> is planned to be served within (0 to 1): its own
    /// quantile, else the site's; null where neither is known.
    /// </summary>
    public double? StayShare(string? vehicleId) =>
        vehicleId is not null && _byVehicle.TryGetValue(vehicleId, out var own) ? own : _site;

    /// <summary>Whether <paramref name="vehicleId"/> has habits of its own.</summary>
    public bool Knows(string? vehicleId) => vehicleId is not null && _byVehicle.ContainsKey(vehicleId);

    // The share of the announced stay really stayed, at most 1 (a driver who stays longer is planned to the announcement).
    private static double StayShare(EndedSession s) =>
        Math.Clamp((s.Departure - s.Arrival).TotalSeconds / (s.AnnouncedDeparture - s.Arrival).TotalSeconds, 0, 1);

    // The empirical quantile, by the nearest rank below.
    private static double QuantileOf(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted[(int)Math.Floor(Quantile * (sorted.Count - 1))];
    }
}
