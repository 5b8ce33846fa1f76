using System.Text.Json;
using Scheduler.Optimizer.Model;
using Scheduler.Protocols.JsonSupport;

namespace Scheduler.Protocols.Tariffs;

/// <summary>
/// Reads a Nord Pool day-ahead "delivery period" response
/// (<c>{currency, multiAreaEntries[{deliveryStart, deliveryEnd, entryPerArea{AREA: price}}]}</c>) for one delivery area.
/// Prices per MWh in the response's currency become per kWh.
/// </summary>
public static class NordPoolReader
{
    /// <summary>Reads a response from a stream.</summary>
    public static TariffReadResult Read(Stream json, string area)
    {
        using var reader = new StreamReader(json, leaveOpen: true);
        return Read(reader.ReadToEnd(), area);
    }

    /// <summary>Reads a response from its text.</summary>
    /// <param name="json">The response body.</param>
    /// <param name="area">The delivery area, e.g. <c>SE3</c>; every entry must have a price for it.</param>
    public static TariffReadResult Read(string json, string area)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(area);
        var reader = new TariffJson();
        using var document = reader.Parse(json);
        if (document is null)
        {
            return TariffReadResult.From(null, [], reader.Errors);
        }

        var root = document.RootElement;
        var currency = reader.Property(root, JsonPath.Root, "currency", JsonValueKind.String)?.GetString();
        var prices = new List<PriceInterval>();
        if (reader.Array(root, JsonPath.Root, "multiAreaEntries") is { } entries)
        {
            var i = 0;
            foreach (var entry in entries.EnumerateArray())
            {
                var path = JsonPath.Index("$.multiAreaEntries", i++);
                var start = reader.Instant(entry, path, "deliveryStart");
                var end = reader.Instant(entry, path, "deliveryEnd");
                var price = reader.Property(entry, path, "entryPerArea", JsonValueKind.Object) is { } perArea
                    ? reader.Number(perArea, JsonPath.Property(path, "entryPerArea"), area)
                    : null;
                if (start is { } s && end is { } e && price is { } perMwh && reader.Ordered(s, e, JsonPath.Property(path, "deliveryEnd")))
                {
                    prices.Add(new PriceInterval(s, e, (double)(perMwh / 1000m)));
                }
            }
        }

        return TariffReadResult.From(currency, prices, reader.Errors);
    }
}
