using NodaTime;
using NodaTime.TimeZones;

namespace Scheduler.Protocols.Messages;

/// <summary>
/// How a local departure time becomes an instant: the one place that decides what daylight saving time does to it.
/// </summary>
/// <remarks>
/// A time that does not exist (in the spring-forward gap, e.g. 02:30 on 2026-03-29 in Europe/Amsterdam) moves
/// forward by the length of the gap (03:30+02:00): the driver meant "half an hour after two", and that is when the
/// clock shows it. It is not an error. A time that occurs twice (in the autumn overlap, e.g. 02:30 on 2026-10-25)
/// is the earlier of the two (02:30+02:00): if anything, the car is ready early.
/// </remarks>
public static class DepartureTimePolicy
{
    private static readonly ZoneLocalMappingResolver Resolver =
        Resolvers.CreateMappingResolver(Resolvers.ReturnEarlier, Resolvers.ReturnForwardShifted);

    /// <summary>The instant <paramref name="local"/> stands for in <paramref name="zone"/>.</summary>
    public static Instant Resolve(LocalDateTime local, DateTimeZone zone) => local.InZone(zone, Resolver).ToInstant();
}
