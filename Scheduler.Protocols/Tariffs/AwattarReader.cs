using System.Text.Json;
using Scheduler.Protocols.JsonSupport;

namespace Scheduler.Protocols.Tariffs;

/// <summary>
/// Reads the aWATTar market-data JSON (<c>api.awattar.at/v1/marketdata</c>) and the Energy-Charts prices converted to
/// its shape: <c>{"object":"list","data":[{"start_timestamp":ms,"end_timestamp":ms,"marketprice":float,"unit":"Eur/MWh"}]}</c>.
/// Prices in EUR/MWh become EUR per kWh.
/// </summary>
/// <remarks>
/// aWATTar files hold 24 hours from local midnight, so on an autumn DST day the 25th local hour is in no file;
/// the reader returns what is there and <see cref="TariffSlots"/> reports the hole.
/// </remarks>
public static class AwattarReader
{
    /// <summary>Reads a response from a stream.</summary>
    public static TariffReadResult Read(Stream json) => TariffText.Read(json, Read);

    /// <summary>Reads a response from its text.</summary>
    public static TariffReadResult Read(string json)
    {
        var reader = new TariffJson();
        using var document = reader.Parse(json);
        if (document is null)
        {
            return TariffReadResult.From(null, [], reader.Errors);
        }

        if (reader.Entries(document.RootElement, JsonPath.Root, "data") is { } data)
        {
            var i = 0;
            foreach (var entry in data.EnumerateArray())
            {
                if (reader.Prices.IsFull)
                {
                    break;
                }

                var path = JsonPath.Index("$.data", i++);
                var start = reader.UnixMilliseconds(entry, path, "start_timestamp");
                var end = reader.UnixMilliseconds(entry, path, "end_timestamp");
                var price = reader.Number(entry, path, "marketprice");
                if (reader.Property(entry, path, "unit", JsonValueKind.String) is { } unit && !IsEuroPerMwh(unit.GetString()))
                {
                    reader.Errors.Add(new TariffError(JsonPath.Property(path, "unit"), $"is {JsonPath.Describe(unit)}: expected \"Eur/MWh\""));
                    continue;
                }

                if (start is { } s && end is { } e && price is { } p)
                {
                    reader.Prices.Add(s, e, (double)(p / 1000m), path, JsonPath.Property(path, "end_timestamp"));
                }
            }
        }

        return reader.Prices.ToResult("EUR");
    }

    private static bool IsEuroPerMwh(string? unit) =>
        string.Equals(unit?.Replace(" ", string.Empty, StringComparison.Ordinal), "EUR/MWh", StringComparison.OrdinalIgnoreCase);
}
