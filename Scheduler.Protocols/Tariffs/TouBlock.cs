using NodaTime;

namespace Scheduler.Protocols.Tariffs;

/// <summary>
/// One block of a time-of-use schedule: the days it applies to (a month-day season, inclusive at both ends and
/// possibly wrapping over the new year, and a day-of-week mask) and its prices by local hour; <see cref="Path"/> is
/// where the schedule has it, for messages.
/// </summary>
internal sealed record TouBlock(
    string Id,
    AnnualDate SeasonStart,
    AnnualDate SeasonEnd,
    TouDays Days,
    IReadOnlyList<double> StartHours,
    IReadOnlyList<double> PricesPerKwh,
    double DemandChargePerKw,
    string Path)
{
    /// <summary>True when the block applies on <paramref name="date"/>.</summary>
    public bool AppliesOn(LocalDate date)
    {
        var day = new AnnualDate(date.Month, date.Day);
        var inSeason = SeasonStart.CompareTo(SeasonEnd) <= 0
            ? day.CompareTo(SeasonStart) >= 0 && day.CompareTo(SeasonEnd) <= 0
            : day.CompareTo(SeasonStart) >= 0 || day.CompareTo(SeasonEnd) <= 0;
        var weekend = date.DayOfWeek is IsoDayOfWeek.Saturday or IsoDayOfWeek.Sunday;
        return inSeason && Days switch
        {
            TouDays.Weekdays => !weekend,
            TouDays.Weekends => weekend,
            _ => true,
        };
    }
}

/// <summary>The days of the week a <see cref="TouBlock"/> applies on.</summary>
internal enum TouDays
{
    All,
    Weekdays,
    Weekends,
}
