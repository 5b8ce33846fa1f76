using System.Globalization;
using System.Text.Json;
using NodaTime;
using NodaTime.TimeZones;
using Scheduler.Optimizer.Model;
using Scheduler.Protocols.Input;
using Scheduler.Protocols.JsonSupport;

namespace Scheduler.Protocols.Tariffs;

/// <summary>
/// Reads a time-of-use tariff in the acnportal JSON shape and expands it into price intervals for a range of local dates.
/// </summary>
/// <remarks>
/// The shape is <c>{name, schedule:[{id, effective_start "MM-DD", effective_end "MM-DD", dow_mask (WEEKDAYS, WEEKENDS or
/// ALL), times:[start hours, from 0, fractions allowed], tariffs:[price per kWh for each segment], demand_charge per kW}]}</c>.
/// On each date the first block whose season (inclusive, wrapping over the new year) and days match applies.
/// Hours are local wall-clock hours in the site's zone, resolved as <see cref="WallClock"/> says: on a 23- or 25-hour
/// DST day the segment that spans the change is an hour shorter or longer.
/// The demand charge is billed as utilities bill it: per calendar month in the zone, on the month's highest demand.
/// </remarks>
public static class TouTariffReader
{
    /// <summary>The id of each month's demand charge is this, a hyphen and the month: <c>demand-2019-06</c>.</summary>
    public const string DemandChargeIdPrefix = "demand";

    /// <summary>The most segments of one day: one a minute, the shortest price interval.</summary>
    private const int MaxSegments = 24 * 60;

    /// <summary>Reads a tariff from a stream and expands it.</summary>
    public static TariffReadResult Read(Stream json, DateTimeZone zone, DateInterval dates, string currency = "USD") =>
        TariffText.Read(json, text => Read(text, zone, dates, currency));

    /// <summary>Reads a tariff from its text and expands it.</summary>
    /// <param name="json">The tariff file.</param>
    /// <param name="zone">The site's time zone, in which the tariff's hours are read.</param>
    /// <param name="dates">The local dates to price, both ends included.</param>
    /// <param name="currency">ISO 4217 code of the tariff's prices; default USD, as in the acnportal files.</param>
    /// <returns>
    /// The prices, one interval per segment and date, and one demand charge per calendar month that
    /// <paramref name="dates"/> touch (over the month's part of them, nothing recorded yet) where the blocks used
    /// have a demand charge. Blocks with different demand charges within one month are an error: a month's charge
    /// has one price.
    /// </returns>
    public static TariffReadResult Read(string json, DateTimeZone zone, DateInterval dates, string currency = "USD")
    {
        ArgumentNullException.ThrowIfNull(zone);
        ArgumentNullException.ThrowIfNull(dates);
        if (DatesProblem(dates) is { } problem)
        {
            return TariffReadResult.Failure("dates", problem);
        }

        if (IsoCurrency.Expected(currency) is { } expected)
        {
            return TariffReadResult.Failure("currency", $"is {Printable.Quote(currency)}: {expected}");
        }

        var reader = new TariffJson();
        using var document = reader.Parse(json);
        if (document is null)
        {
            return TariffReadResult.From(currency, [], reader.Errors);
        }

        var blocks = new List<TouBlock>();
        if (reader.Entries(document.RootElement, JsonPath.Root, "schedule") is { } schedule)
        {
            var i = 0;
            foreach (var entry in schedule.EnumerateArray())
            {
                if (ReadBlock(entry, JsonPath.Index("$.schedule", i++), reader) is { } block)
                {
                    blocks.Add(block);
                }
            }
        }

        if (reader.Errors.Count > 0)
        {
            return TariffReadResult.From(currency, [], reader.Errors);
        }

        var blockOf = new Dictionary<LocalDate, TouBlock>();
        foreach (var date in dates)
        {
            var block = blocks.FirstOrDefault(b => b.AppliesOn(date));
            if (block is null)
            {
                reader.Errors.Add(new TariffError("$.schedule", string.Create(CultureInfo.InvariantCulture,
                    $"has no block for {date:uuuu-MM-dd} ({date.DayOfWeek}): expected the blocks to cover every day of the year")));
                return TariffReadResult.From(currency, [], reader.Errors);
            }

            blockOf[date] = block;
            AddPrices(reader.Prices, zone, date, block);
            if (reader.Prices.IsFull)
            {
                break;
            }
        }

        var charges = reader.Errors.Count == 0 ? MonthlyDemandCharges(zone, dates, blockOf, reader) : [];
        return reader.Prices.ToResult(currency, demandCharges: charges);
    }

    /// <summary>What is wrong with <paramref name="dates"/> as a span to lay a tariff out over, or null: more than <see cref="InputLimits.MaxTariffDays"/>, or outside the years read.</summary>
    public static string? DatesProblem(DateInterval dates)
    {
        ArgumentNullException.ThrowIfNull(dates);
        if (dates.Start.Year < InputLimits.MinYear || dates.End.Year > InputLimits.MaxYear)
        {
            return string.Create(CultureInfo.InvariantCulture, $"run from {dates.Start:uuuu-MM-dd} to {dates.End:uuuu-MM-dd}: expected dates in the years {InputLimits.MinYear} to {InputLimits.MaxYear}");
        }

        return dates.Length > InputLimits.MaxTariffDays
            ? string.Create(CultureInfo.InvariantCulture, $"run from {dates.Start:uuuu-MM-dd} to {dates.End:uuuu-MM-dd}, {dates.Length:N0} days: expected at most {InputLimits.MaxTariffDays} days (a year, and the days a replay's last plans look beyond it)")
            : null;
    }

    private static void AddPrices(PriceList prices, DateTimeZone zone, LocalDate date, TouBlock block)
    {
        for (var s = 0; s < block.StartHours.Count; s++)
        {
            var start = WallClock.At(zone, date, block.StartHours[s]);
            var end = WallClock.At(zone, date, s + 1 < block.StartHours.Count ? block.StartHours[s + 1] : 24);

            // A segment that lies wholly in a skipped hour has no time on this date.
            if (end > start)
            {
                prices.Add(start, end, block.PricesPerKwh[s], string.Create(CultureInfo.InvariantCulture, $"{block.Path}.times[{s}] on {date:uuuu-MM-dd}"));
            }
        }
    }

    /// <summary>One charge per billing month on its highest demand at any hour, at the demand charge of the blocks its days use.</summary>
    private static List<DemandCharge> MonthlyDemandCharges(DateTimeZone zone, DateInterval dates, Dictionary<LocalDate, TouBlock> blockOf, TariffJson reader)
    {
        var charges = new List<DemandCharge>();
        foreach (var month in BillingMonth.Within(zone, dates))
        {
            var used = month.Dates.Select(d => blockOf[d]).DistinctBy(b => b.DemandChargePerKw).ToList();
            if (used.Count > 1)
            {
                reader.Errors.Add(new TariffError("$.schedule", string.Create(CultureInfo.InvariantCulture,
                    $"has blocks with different demand charges in the billing month {month.Month:uuuu-MM}: \"{used[0].Id}\" ({used[0].DemandChargePerKw} per kW) and \"{used[1].Id}\" ({used[1].DemandChargePerKw} per kW); expected one demand charge per calendar month")));
            }
            else if (used[0].DemandChargePerKw > 0)
            {
                charges.Add(new DemandCharge(month.Id(DemandChargeIdPrefix), used[0].DemandChargePerKw, [month.Span]));
            }
        }

        return charges;
    }

    private static TouBlock? ReadBlock(JsonElement entry, string path, TariffJson reader)
    {
        var before = reader.Errors.Count;
        var id = reader.Property(entry, path, "id", JsonValueKind.String)?.GetString() ?? string.Empty;
        var seasonStart = MonthDay(entry, path, "effective_start", reader);
        var seasonEnd = MonthDay(entry, path, "effective_end", reader);
        var days = Days(entry, path, reader);
        var times = Numbers(entry, path, "times", reader);
        var tariffs = Numbers(entry, path, "tariffs", reader);
        var demand = reader.Number(entry, path, "demand_charge");
        if (demand is < 0 or > (decimal)PriceList.MaxDemandChargePerKw)
        {
            reader.Errors.Add(new TariffError(JsonPath.Property(path, "demand_charge"), string.Create(CultureInfo.InvariantCulture, $"is {demand}: expected 0 to {PriceList.MaxDemandChargePerKw} per kW")));
        }

        if (times is { } t)
        {
            CheckTimes(t, JsonPath.Property(path, "times"), reader);
            if (tariffs is { } p && p.Count != t.Count)
            {
                reader.Errors.Add(new TariffError(JsonPath.Property(path, "tariffs"), string.Create(CultureInfo.InvariantCulture,
                    $"has {p.Count} prices: expected {t.Count}, one for each start hour in times")));
            }
        }

        if (reader.Errors.Count > before || seasonStart is null || seasonEnd is null || days is null || times is null || tariffs is null || demand is null)
        {
            return null;
        }

        return new TouBlock(id, seasonStart.Value, seasonEnd.Value, days.Value, times, tariffs, (double)demand.Value, path);
    }

    private static void CheckTimes(IReadOnlyList<double> times, string path, TariffJson reader)
    {
        if (times.Count == 0 || times[0] != 0)
        {
            reader.Errors.Add(new TariffError(times.Count == 0 ? path : JsonPath.Index(path, 0), "expected the first start hour to be 0"));
            return;
        }

        for (var i = 1; i < times.Count; i++)
        {
            if (times[i] <= times[i - 1] || times[i] >= 24)
            {
                reader.Errors.Add(new TariffError(JsonPath.Index(path, i), string.Create(CultureInfo.InvariantCulture,
                    $"is {times[i]}: expected an hour after {times[i - 1]} and before 24")));
                return;
            }
        }
    }

    private static List<double>? Numbers(JsonElement entry, string path, string name, TariffJson reader)
    {
        if (reader.Array(entry, path, name) is not { } array)
        {
            return null;
        }

        var arrayPath = JsonPath.Property(path, name);
        if (array.GetArrayLength() > MaxSegments)
        {
            reader.Errors.Add(new TariffError(arrayPath, string.Create(CultureInfo.InvariantCulture, $"has {array.GetArrayLength():N0} entries: expected at most {MaxSegments:N0}, one a minute")));
            return null;
        }

        var numbers = new List<double>();
        var i = 0;
        foreach (var item in array.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Number)
            {
                reader.Errors.Add(new TariffError(JsonPath.Index(arrayPath, i), $"is {JsonPath.Describe(item)}: expected a number"));
                return null;
            }

            numbers.Add(item.GetDouble());
            i++;
        }

        return numbers;
    }

    private static TouDays? Days(JsonElement entry, string path, TariffJson reader)
    {
        var mask = reader.Property(entry, path, "dow_mask", JsonValueKind.String);
        switch (mask?.GetString())
        {
            case null:
                return null;
            case "ALL":
                return TouDays.All;
            case "WEEKDAYS":
                return TouDays.Weekdays;
            case "WEEKENDS":
                return TouDays.Weekends;
            default:
                reader.Errors.Add(new TariffError(JsonPath.Property(path, "dow_mask"), $"is {JsonPath.Describe(mask)}: expected \"WEEKDAYS\", \"WEEKENDS\" or \"ALL\""));
                return null;
        }
    }

    private static AnnualDate? MonthDay(JsonElement entry, string path, string name, TariffJson reader)
    {
        if (reader.Property(entry, path, name, JsonValueKind.String) is not { } value)
        {
            return null;
        }

        var parts = (value.GetString() ?? string.Empty).Split('-');
        if (parts.Length == 2
            && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var month)
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var day)
            && month is >= 1 and <= 12
            && day >= 1 && day <= CalendarSystem.Iso.GetDaysInMonth(2000, month))
        {
            return new AnnualDate(month, day);
        }

        reader.Errors.Add(new TariffError(JsonPath.Property(path, name), $"is {JsonPath.Describe(value)}: expected a month and day such as \"06-01\""));
        return null;
    }
}
