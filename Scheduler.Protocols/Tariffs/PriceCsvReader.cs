using System.Globalization;
using NodaTime.Text;
using Scheduler.Protocols.Input;

namespace Scheduler.Protocols.Tariffs;

/// <summary>
/// Reads the price CSV derived from the aWATTar and Energy-Charts caches (<c>awattar_AT_hourly_all.csv</c>,
/// <c>energycharts_AT_15min_all.csv</c>): a header <c>start_utc,end_utc,price_eur_per_mwh</c>, then one interval a line
/// with ISO 8601 UTC instants and a price in EUR/MWh, which becomes EUR per kWh.
/// </summary>
public static class PriceCsvReader
{
    /// <summary>The header the file must start with.</summary>
    public const string Header = "start_utc,end_utc,price_eur_per_mwh";

    /// <summary>Reads a file from a stream.</summary>
    public static TariffReadResult Read(Stream csv) => TariffText.Read(csv, Read);

    /// <summary>Reads a file from its text.</summary>
    public static TariffReadResult Read(string csv)
    {
        ArgumentNullException.ThrowIfNull(csv);
        var errors = new List<TariffError>();
        var prices = new PriceList(errors);
        var lines = csv.TrimStart('\uFEFF').Split('\n');
        if (lines[0].TrimEnd('\r').Trim() != Header)
        {
            errors.Add(new TariffError("line 1", $"is {Printable.Quote(lines[0].TrimEnd('\r'))}: expected the header \"{Header}\""));
            return prices.ToResult("EUR");
        }

        if (lines.Length - 1 > InputLimits.MaxIntervals && lines.Skip(1).Count(l => l.TrimEnd('\r').Length > 0) is var count && prices.TooMany(count, "line 2"))
        {
            return prices.ToResult("EUR");
        }

        for (var i = 1; i < lines.Length && !prices.IsFull; i++)
        {
            var line = lines[i].TrimEnd('\r');
            if (line.Length == 0)
            {
                continue;
            }

            var where = string.Create(CultureInfo.InvariantCulture, $"line {i + 1}");
            var fields = line.Split(',');
            if (fields.Length != 3)
            {
                errors.Add(new TariffError(where, string.Create(CultureInfo.InvariantCulture, $"has {fields.Length} fields: expected 3 ({Header})")));
                continue;
            }

            var start = InstantPattern.ExtendedIso.Parse(fields[0]);
            var end = InstantPattern.ExtendedIso.Parse(fields[1]);
            if (!start.Success)
            {
                errors.Add(new TariffError(where + ", start_utc", $"is {Printable.Quote(fields[0])}: expected a UTC instant such as 2025-10-01T22:00:00Z"));
            }

            if (!end.Success)
            {
                errors.Add(new TariffError(where + ", end_utc", $"is {Printable.Quote(fields[1])}: expected a UTC instant such as 2025-10-01T22:15:00Z"));
            }

            if (!decimal.TryParse(fields[2], NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out var perMwh))
            {
                errors.Add(new TariffError(where + ", price_eur_per_mwh", $"is {Printable.Quote(fields[2])}: expected a decimal number such as -29.91"));
                continue;
            }

            if (start.Success && end.Success)
            {
                prices.Add(start.Value, end.Value, (double)(perMwh / 1000m), where, where + ", end_utc");
            }
        }

        return prices.ToResult("EUR");
    }
}
