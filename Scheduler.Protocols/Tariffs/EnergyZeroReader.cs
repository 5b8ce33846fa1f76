using System.Text.Json;
using Scheduler.Protocols.JsonSupport;

namespace Scheduler.Protocols.Tariffs;

/// <summary>
/// Reads EnergyZero (Netherlands) prices in EUR per kWh, in either of its two shapes:
/// the REST response <c>{interval, range, base[], base_with_vat[], all_in[], all_in_with_vat[]}</c> whose entries are
/// <c>{start, end, price{value}}</c> with the value as a string, or the GraphQL response
/// <c>data.energyMarketPrices.prices[{energyPriceExcl, energyPriceIncl, from, till}]</c>.
/// </summary>
public static class EnergyZeroReader
{
    /// <summary>Reads a response from a stream.</summary>
    public static TariffReadResult Read(Stream json, EnergyZeroSeries series = EnergyZeroSeries.Base) => TariffText.Read(json, text => Read(text, series));

    /// <summary>Reads a response from its text; the shape is recognised by its top-level <c>data</c> (GraphQL) or not (REST).</summary>
    /// <param name="json">The response body.</param>
    /// <param name="series">Which prices to read; default <see cref="EnergyZeroSeries.Base"/>.</param>
    public static TariffReadResult Read(string json, EnergyZeroSeries series = EnergyZeroSeries.Base)
    {
        var reader = new TariffJson();
        using var document = reader.Parse(json);
        if (document is null)
        {
            return TariffReadResult.From(null, [], reader.Errors);
        }

        var root = document.RootElement;
        if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("data", out _))
        {
            ReadGraphQl(root, series, reader);
        }
        else
        {
            ReadRest(root, series, reader);
        }

        return reader.Prices.ToResult("EUR");
    }

    private static void ReadRest(JsonElement root, EnergyZeroSeries series, TariffJson reader)
    {
        var name = series switch
        {
            EnergyZeroSeries.BaseWithVat => "base_with_vat",
            EnergyZeroSeries.AllIn => "all_in",
            EnergyZeroSeries.AllInWithVat => "all_in_with_vat",
            _ => "base",
        };
        if (reader.Entries(root, JsonPath.Root, name) is not { } entries)
        {
            return;
        }

        var i = 0;
        foreach (var entry in entries.EnumerateArray())
        {
            if (reader.Prices.IsFull)
            {
                break;
            }

            var path = JsonPath.Index(JsonPath.Property(JsonPath.Root, name), i++);
            var start = reader.Instant(entry, path, "start");
            var end = reader.Instant(entry, path, "end");
            var price = reader.Property(entry, path, "price", JsonValueKind.Object) is { } p
                ? reader.NumberString(p, JsonPath.Property(path, "price"), "value")
                : null;
            if (start is { } s && end is { } e && price is { } perKwh)
            {
                reader.Prices.Add(s, e, (double)perKwh, path, JsonPath.Property(path, "end"));
            }
        }

        // The response says which span it covers; an entry far from it is a mistake, not a price.
        if (reader.Property(root, JsonPath.Root, "range", JsonValueKind.Object) is { } range
            && reader.Instant(range, "$.range", "start") is { } rangeStart
            && reader.Instant(range, "$.range", "end") is { } rangeEnd)
        {
            reader.Prices.KeepNear(rangeStart, rangeEnd, "$.range");
        }
    }

    private static void ReadGraphQl(JsonElement root, EnergyZeroSeries series, TariffJson reader)
    {
        const string MarketPath = "$.data.energyMarketPrices";
        if (series is not (EnergyZeroSeries.Base or EnergyZeroSeries.BaseWithVat))
        {
            reader.Errors.Add(new TariffError(MarketPath, $"has no {series} prices: expected {nameof(EnergyZeroSeries.Base)} or {nameof(EnergyZeroSeries.BaseWithVat)} for the GraphQL shape"));
            return;
        }

        if (reader.Property(root, JsonPath.Root, "data", JsonValueKind.Object) is not { } data
            || reader.Property(data, "$.data", "energyMarketPrices", JsonValueKind.Object) is not { } market
            || reader.Entries(market, MarketPath, "prices") is not { } entries)
        {
            return;
        }

        var field = series == EnergyZeroSeries.BaseWithVat ? "energyPriceIncl" : "energyPriceExcl";
        var i = 0;
        foreach (var entry in entries.EnumerateArray())
        {
            if (reader.Prices.IsFull)
            {
                break;
            }

            var path = JsonPath.Index(MarketPath + ".prices", i++);
            var start = reader.Instant(entry, path, "from");
            var end = reader.Instant(entry, path, "till");
            var price = reader.Number(entry, path, field);
            if (start is { } s && end is { } e && price is { } perKwh)
            {
                reader.Prices.Add(s, e, (double)perKwh, path, JsonPath.Property(path, "till"));
            }
        }
    }
}
