using NodaTime;
using Scheduler.Optimizer.Model;

namespace Scheduler.Protocols.Tariffs.Urdb;

/// <summary>
/// Lays a <see cref="UrdbRate"/> out over local dates in the site's zone: an energy price for every clock hour, and
/// per calendar month (the billing month) a facility charge over the whole month and a charge for each TOU demand
/// period over the hours it holds. Clock hours become instants as <see cref="WallClock"/> says, so the 23- and
/// 25-hour days come out right.
/// </summary>
internal static class UrdbLayout
{
    /// <summary>The id of a month's flat demand charge: <c>facility-2026-03</c>.</summary>
    public const string FacilityPrefix = "facility";

    /// <summary>The id of a month's charge for TOU demand period p begins <c>tou-period-{p}</c>: <c>tou-period-2-2026-03</c>.</summary>
    public const string TouPeriodPrefix = "tou-period-";

    /// <summary>The energy prices, neighbouring hours of one price merged.</summary>
    public static List<PriceInterval> Prices(UrdbRate rate, DateTimeZone zone, DateInterval dates)
    {
        var prices = new List<PriceInterval>();
        foreach (var date in dates)
        {
            var fuel = rate.FuelAdjustmentPerKwh[date.Month - 1];
            for (var hour = 0; hour < 24; hour++)
            {
                if (Hour(zone, date, hour) is not { } interval)
                {
                    continue;
                }

                var perKwh = (double)(rate.EnergyPerKwh[rate.EnergySchedule.PeriodAt(date, hour)] + fuel);
                if (prices.Count > 0 && prices[^1].End == interval.Start && prices[^1].PerKwh == perKwh)
                {
                    prices[^1] = new PriceInterval(prices[^1].Start, interval.End, perKwh);
                }
                else
                {
                    prices.Add(new PriceInterval(interval.Start, interval.End, perKwh));
                }
            }
        }

        return prices;
    }

    /// <summary>The demand charges of each billing month, facility first; periods priced at zero bill nothing and are left out.</summary>
    public static List<DemandCharge> DemandCharges(UrdbRate rate, DateTimeZone zone, DateInterval dates)
    {
        var charges = new List<DemandCharge>();
        foreach (var month in BillingMonth.Within(zone, dates))
        {
            if (rate.FlatDemandPerKw is { } flat && rate.FlatDemandMonths is { } months && flat[months[month.Month.Month - 1]] is var perKw && perKw > 0)
            {
                charges.Add(new DemandCharge(month.Id(FacilityPrefix), (double)perKw, [month.Span]));
            }

            if (rate.TouDemandPerKw is { } tou && rate.TouDemandSchedule is { } schedule)
            {
                for (var period = 0; period < tou.Length; period++)
                {
                    if (tou[period] > 0 && HoursOf(schedule, period, zone, month.Dates) is { Count: > 0 } intervals)
                    {
                        charges.Add(new DemandCharge(month.Id(TouPeriodPrefix + period), (double)tou[period], intervals));
                    }
                }
            }
        }

        return charges;
    }

    /// <summary>The stretches of <paramref name="dates"/> whose clock hours are in <paramref name="period"/>, neighbours merged.</summary>
    private static List<Interval> HoursOf(UrdbSchedule schedule, int period, DateTimeZone zone, DateInterval dates)
    {
        var intervals = new List<Interval>();
        foreach (var date in dates)
        {
            for (var hour = 0; hour < 24; hour++)
            {
                if (schedule.PeriodAt(date, hour) != period || Hour(zone, date, hour) is not { } interval)
                {
                    continue;
                }

                if (intervals.Count > 0 && intervals[^1].End == interval.Start)
                {
                    intervals[^1] = new Interval(intervals[^1].Start, interval.End);
                }
                else
                {
                    intervals.Add(interval);
                }
            }
        }

        return intervals;
    }

    /// <summary>The clock hour from <paramref name="hour"/> on <paramref name="date"/>; null for the hour a spring change skips.</summary>
    private static Interval? Hour(DateTimeZone zone, LocalDate date, int hour)
    {
        var start = WallClock.At(zone, date, hour);
        var end = WallClock.At(zone, date, hour + 1);
        return end > start ? new Interval(start, end) : null;
    }
}
