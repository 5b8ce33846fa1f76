using System.Globalization;
using NodaTime;
using NodaTime.Text;
using NodaTime.TimeZones;

namespace Scheduler.Protocols.Sessions;

/// <summary>
/// The departure assumed for a driver who set none: the site's local time (e.g. 07:30) on the first day, or working
/// day, that leaves the vehicle at least <see cref="MinimumStay"/> on the charger. Local times are resolved in the
/// site's zone: a time that a spring change skips moves forward by the gap, a repeated autumn time takes the earlier.
/// </summary>
public static class DefaultDeparture
{
    /// <summary>The shortest stay a default departure assumes.</summary>
    public static readonly Duration MinimumStay = Duration.FromHours(1);

    /// <summary>The departure for a vehicle that arrived at <paramref name="arrival"/>.</summary>
    /// <param name="arrival">When it plugged in.</param>
    /// <param name="zone">The site's zone.</param>
    /// <param name="localTime">The site's default departure, "HH:mm".</param>
    /// <param name="workingDaysOnly">Whether weekends are skipped.</param>
    /// <exception cref="FormatException"><paramref name="localTime"/> is not HH:mm.</exception>
    public static Instant For(Instant arrival, DateTimeZone zone, string localTime, bool workingDaysOnly)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var time = LocalTimePattern.CreateWithInvariantCulture("HH:mm").Parse(localTime);
        if (!time.Success)
        {
            throw new FormatException(string.Create(CultureInfo.InvariantCulture, $"the default departure '{localTime}' is not a local time HH:mm"));
        }

        var earliest = arrival + MinimumStay;
        var date = arrival.InZone(zone).Date;
        for (var day = 0; day < 8; day++, date = date.PlusDays(1))
        {
            if (workingDaysOnly && date.DayOfWeek is IsoDayOfWeek.Saturday or IsoDayOfWeek.Sunday)
            {
                continue;
            }

            var candidate = zone.ResolveLocal(date + time.Value, Resolvers.LenientResolver).ToInstant();
            if (candidate >= earliest)
            {
                return candidate;
            }
        }

        throw new InvalidOperationException("no default departure within a week; unreachable for a 7-day week");
    }
}
