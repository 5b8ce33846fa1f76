using System.Globalization;
using NodaTime.Text;
using Scheduler.Optimizer.Model;

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
    public static TariffReadResult Read(Stream csv)
    {
        using var reader = new StreamReader(csv, leaveOpen: true);
        return Read(reader.ReadToEnd());
    }

    /// <summary>Reads a file from its text.</summary>
    public static TariffReadResult Read(string csv)
    {
        var errors = new List<TariffError>();
        var prices = new List<PriceInterval>();
        var lines = csv.Split('\n');
        if (lines[0].TrimEnd('\r').Trim() != Header)
        {
            errors.Add(new TariffError("line 1", $"is \"{lines[0].TrimEnd('\r')}\": expected the header \"{Header}\""));
            return TariffReadResult.From("EUR", prices, errors);
        }

        for (var i = 1; i < lines.Length; i++)
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
                errors.Add(new TariffError(where + ", start_utc", $"is \"{fields[0]}\": expected a UTC instant such as 2025-10-01T22:00:00Z"));
            }

            if (!end.Success)
            {
                errors.Add(new TariffError(where + ", end_utc", $"is \"{fields[1]}\": expected a UTC instant such as 2025-10-01T22:15:00Z"));
            }

            if (!decimal.TryParse(fields[2], NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out var perMwh))
            {
                errors.Add(new TariffError(where + ", price_eur_per_mwh", $"is \"{fields[2]}\": expected a decimal number such as -29.91"));
                continue;
            }

            if (start.Success && end.Success)
            {
                if (end.Value <= start.Value)
                {
                    errors.Add(new TariffError(where + ", end_utc", $"is {fields[1]}: expected after start_utc {fields[0]}"));
                }
                else
                {
                    prices.Add(new PriceInterval(start.Value, end.Value, (double)(perMwh / 1000m)));
                }
            }
        }

        return TariffReadResult.From("EUR", prices, errors);
    }
}
