using System.Globalization;
using NodaTime;

namespace Scheduler.Protocols.Billing;

/// <summary>
/// One billing period of a site: from local midnight of its cycle day in one month to local midnight of the cycle day
/// in the next, in the site's zone (cycle day 1: a calendar month). Its demand charges are billed on its own peak, and
/// the next period starts from zero. Midnight is resolved as the zone's start of day, so a period that spans a DST
/// change is an hour shorter or longer and periods always follow each other without a gap.
/// </summary>
public sealed record BillingPeriod
{
    /// <summary>The latest cycle day: every month has it.</summary>
    public const int MaxCycleDay = 28;

    private BillingPeriod(LocalDate firstDate, Instant start, Instant end)
    {
        FirstDate = firstDate;
        Start = start;
        End = end;
    }

    /// <summary>The period's first local date.</summary>
    public LocalDate FirstDate { get; }

    /// <summary>Its start (inclusive).</summary>
    public Instant Start { get; }

    /// <summary>Its end (exclusive): the next period's start.</summary>
    public Instant End { get; }

    /// <summary>Its id, the year and month of its first date: <c>2026-03</c>.</summary>
    public string Id => FirstDate.ToString("yyyy'-'MM", CultureInfo.InvariantCulture);

    /// <summary>Whether <paramref name="instant"/> lies in the period.</summary>
    public bool Contains(Instant instant) => instant >= Start && instant < End;

    /// <summary>The period that holds <paramref name="instant"/>.</summary>
    /// <param name="instant">Any instant.</param>
    /// <param name="zone">The site's zone.</param>
    /// <param name="cycleDay">The day of the month periods start on, 1 (calendar months, the default) to 28.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="cycleDay"/> is outside 1 to 28.</exception>
    public static BillingPeriod Containing(Instant instant, DateTimeZone zone, int cycleDay = 1)
    {
        ArgumentNullException.ThrowIfNull(zone);
        ArgumentOutOfRangeException.ThrowIfLessThan(cycleDay, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(cycleDay, MaxCycleDay);
        var date = instant.InZone(zone).Date;
        var first = new LocalDate(date.Year, date.Month, cycleDay);
        if (date < first)
        {
            first = first.PlusMonths(-1);
        }

        return new BillingPeriod(first, zone.AtStartOfDay(first).ToInstant(), zone.AtStartOfDay(first.PlusMonths(1)).ToInstant());
    }

    /// <summary>The periods that meet the interval from <paramref name="start"/> to <paramref name="end"/>, in order.</summary>
    public static IReadOnlyList<BillingPeriod> Within(Instant start, Instant end, DateTimeZone zone, int cycleDay = 1)
    {
        var periods = new List<BillingPeriod>();
        for (var at = start; at < end;)
        {
            var period = Containing(at, zone, cycleDay);
            periods.Add(period);
            at = period.End;
        }

        return periods;
    }
}
