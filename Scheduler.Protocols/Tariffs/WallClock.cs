using NodaTime;
using NodaTime.TimeZones;

namespace Scheduler.Protocols.Tariffs;

/// <summary>
/// How a tariff's local clock hours become instants in the site's zone, for every schedule format: a time in the
/// skipped hour of a spring change moves forward by the gap (02:30 becomes 03:30), and a time in the repeated hour of
/// an autumn change takes its first occurrence. So the stretch that spans a change is an hour shorter or longer, and
/// the hours of a day always cover it without a gap.
/// </summary>
internal static class WallClock
{
    /// <summary>The instant <paramref name="hours"/> after local midnight of <paramref name="date"/>.</summary>
    /// <param name="zone">The site's zone.</param>
    /// <param name="date">The local date.</param>
    /// <param name="hours">Clock hours from 0 (the day's start) to 24 (the next day's start); fractions allowed.</param>
    public static Instant At(DateTimeZone zone, LocalDate date, double hours)
    {
        // Midnight itself may be skipped in some zones; the day then starts at the first instant that exists.
        if (hours <= 0)
        {
            return zone.AtStartOfDay(date).ToInstant();
        }

        if (hours >= 24)
        {
            return zone.AtStartOfDay(date.PlusDays(1)).ToInstant();
        }

        var local = date.AtMidnight().PlusTicks((long)Math.Round(hours * NodaConstants.TicksPerHour));
        return zone.ResolveLocal(local, Resolvers.LenientResolver).ToInstant();
    }
}
