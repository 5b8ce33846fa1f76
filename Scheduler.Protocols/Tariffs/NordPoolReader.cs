using System.Text.Json;
using NodaTime;
using NodaTime.Text;
using Scheduler.Protocols.Input;
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
    public static TariffReadResult Read(Stream json, string area) => TariffText.Read(json, text => Read(text, area));

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
        if (reader.Entries(root, JsonPath.Root, "multiAreaEntries") is { } entries)
        {
            var i = 0;
            foreach (var entry in entries.EnumerateArray())
            {
                if (reader.Prices.IsFull)
                {
                    break;
                }

                var path = JsonPath.Index("$.multiAreaEntries", i++);
                var start = reader.Instant(entry, path, "deliveryStart");
                var end = reader.Instant(entry, path, "deliveryEnd");
                var price = reader.Property(entry, path, "entryPerArea", JsonValueKind.Object) is { } perArea
                    ? reader.Number(perArea, JsonPath.Property(path, "entryPerArea"), area)
                    : null;
                if (start is { } s && end is { } e && price is { } perMwh)
                {
                    reader.Prices.Add(s, e, (double)(perMwh / 1000m), path, JsonPath.Property(path, "deliveryEnd"));
                }
            }
        }

        // The response is for one delivery day in CET; an entry far from it is a mistake, not a price.
        if (root.TryGetProperty("deliveryDateCET", out var day) && day.ValueKind == JsonValueKind.String)
        {
            var date = LocalDatePattern.Iso.Parse(day.GetString() ?? string.Empty);
            if (date.Success && date.Value.Year is >= InputLimits.MinYear and <= InputLimits.MaxYear)
            {
                var cet = DateTimeZoneProviders.Tzdb["Europe/Berlin"];
                reader.Prices.KeepNear(cet.AtStartOfDay(date.Value).ToInstant(), cet.AtStartOfDay(date.Value.PlusDays(1)).ToInstant(), "$.deliveryDateCET");
            }
            else
            {
                reader.Errors.Add(new TariffError("$.deliveryDateCET", $"is {JsonPath.Describe(day)}: expected a date such as \"2024-11-05\""));
            }
        }

        return reader.Prices.ToResult(currency, "$.currency");
    }
}
