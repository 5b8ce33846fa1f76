using NodaTime;
using NodaTime.Text;

namespace Scheduler.Protocols.Tariffs;

/// <summary>
/// A calendar month in the site's zone, as far as it lies within the dates asked for: the billing period that a
/// tariff's demand charges are billed over, unless the tariff says otherwise.
/// </summary>
/// <param name="Month">The month.</param>
/// <param name="Dates">Its local dates within the dates asked for.</param>
/// <param name="Span">From the start of its first date to the start of the day after its last, in the zone.</param>
internal sealed record BillingMonth(YearMonth Month, DateInterval Dates, Interval Span)
{
    /// <summary>The months that <paramref name="dates"/> touch, in order, each cut to the dates asked for.</summary>
    public static IReadOnlyList<BillingMonth> Within(DateTimeZone zone, DateInterval dates)
    {
        var months = new List<BillingMonth>();
        for (var first = dates.Start; first <= dates.End;)
        {
            var month = first.ToYearMonth();
            var last = LocalDate.Min(month.OnDayOfMonth(month.Calendar.GetDaysInMonth(month.Year, month.Month)), dates.End);
            var span = new Interval(WallClock.At(zone, first, 0), WallClock.At(zone, last, 24));
            months.Add(new BillingMonth(month, new DateInterval(first, last), span));
            first = last.PlusDays(1);
        }

        return months;
    }

    /// <summary>A charge id for this month, e.g. <c>facility-2026-03</c>.</summary>
    public string Id(string prefix) => $"{prefix}-{YearMonthPattern.Iso.Format(Month)}";
}
