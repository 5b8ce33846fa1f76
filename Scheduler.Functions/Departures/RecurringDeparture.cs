using NodaTime;

namespace Scheduler.Functions.Departures;

/// <summary>One weekday of a vehicle's week: leaving at a local time of the site with an energy need ("Monday 07:30, 25 kWh").</summary>
public sealed record RecurringDeparture
{
    /// <summary>Creates the entry.</summary>
    /// <param name="day">The weekday.</param>
    /// <param name="time">The local time in the site's zone.</param>
    /// <param name="energyKwh">The energy to charge by then, in kWh: above 0, at most 500.</param>
    public RecurringDeparture(IsoDayOfWeek day, LocalTime time, double energyKwh)
    {
        if (day == IsoDayOfWeek.None)
        {
            throw new ArgumentOutOfRangeException(nameof(day), day, "must be a weekday");
        }

        if (!(energyKwh > 0 && energyKwh <= Protocols.Messages.DepartureMessage.MaxEnergyKwh))
        {
            throw new ArgumentOutOfRangeException(nameof(energyKwh), energyKwh, "must be above 0 and at most 500 kWh");
        }

        Day = day;
        Time = time;
        EnergyKwh = energyKwh;
    }

    /// <summary>The weekday.</summary>
    public IsoDayOfWeek Day { get; }

    /// <summary>The local time in the site's zone.</summary>
    public LocalTime Time { get; }

    /// <summary>The energy to charge, in kWh.</summary>
    public double EnergyKwh { get; }
}
