using NodaTime;
using Scheduler.Protocols.Messages;
using Scheduler.Protocols.Sessions;

namespace Scheduler.Functions.Departures;

/// <summary>
/// A vehicle's recurring departures, at most one per weekday (evcc's repeating plans). They stand in for a driver who
/// set nothing for a stay; local times become instants through <see cref="DepartureTimePolicy"/>, so a time skipped by
/// the spring change moves forward by the gap and a repeated autumn time is the earlier one.
/// </summary>
public sealed record WeeklyDepartures
{
    /// <summary>Creates the week.</summary>
    /// <exception cref="ArgumentException">A weekday appears twice, or the week is empty.</exception>
    public WeeklyDepartures(IReadOnlyList<RecurringDeparture> days)
    {
        ArgumentNullException.ThrowIfNull(days);
        if (days.Count == 0 || days.Select(d => d.Day).Distinct().Count() != days.Count)
        {
            throw new ArgumentException("a week needs one to seven different weekdays", nameof(days));
        }

        Days = [.. days.OrderBy(d => d.Day)];
    }

    /// <summary>The entries, Monday first.</summary>
    public IReadOnlyList<RecurringDeparture> Days { get; }

    /// <summary>
    /// The first recurring departure that leaves a vehicle plugged in at <paramref name="arrival"/> at least
    /// <see cref="DefaultDeparture.MinimumStay"/> on the charger, as an instant with its energy; null when the week has
    /// no such day within 8 days (it always has: every entry recurs weekly).
    /// </summary>
    public (Instant Departure, double EnergyKwh)? After(Instant arrival, DateTimeZone zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var earliest = arrival + DefaultDeparture.MinimumStay;
        var date = arrival.InZone(zone).Date;
        for (var day = 0; day < 8; day++, date = date.PlusDays(1))
        {
            if (Days.FirstOrDefault(d => d.Day == date.DayOfWeek) is not { } entry)
            {
                continue;
            }

            var candidate = DepartureTimePolicy.Resolve(date + entry.Time, zone);
            if (candidate >= earliest)
            {
                return (candidate, entry.EnergyKwh);
            }
        }

        return null;
    }
}
