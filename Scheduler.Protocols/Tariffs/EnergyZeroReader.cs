using System.Text.Json;
using Scheduler.Optimizer.Model;
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
    public static TariffReadResult Read(Stream json, EnergyZeroSeries series = EnergyZeroSeries.Base)
    {
        using var reader = new StreamReader(json, leaveOpen: true);
        return Read(reader.ReadToEnd(), series);
    }

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
        var prices = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("data", out _)
            ? ReadGraphQl(root, series, reader)
            : ReadRest(root, series, reader);
        return TariffReadResult.From("EUR", prices, reader.Errors);
    }

    private static List<PriceInterval> ReadRest(JsonElement root, EnergyZeroSeries series, TariffJson reader)
    {
        var prices = new List<PriceInterval>();
        var name = series switch
        {
            EnergyZeroSeries.BaseWithVat => "base_with_vat",
            EnergyZeroSeries.AllIn => "all_in",
            EnergyZeroSeries.AllInWithVat => "all_in_with_vat",
            _ => "base",
        };
        if (reader.Array(root, JsonPath.Root, name) is not { } entries)
        {
            return prices;
        }

        var i = 0;
        foreach (var entry in entries.EnumerateArray())
        {
            var path = JsonPath.Index(JsonPath.Property(JsonPath.Root, name), i++);
            var start = reader.Instant(entry, path, "start");
            var end = reader.Instant(entry, path, "end");
            var price = reader.Property(entry, path, "price", JsonValueKind.Object) is { } p
                ? reader.NumberString(p, JsonPath.Property(path, "price"), "value")
                : null;
            if (start is { } s && end is { } e && price is { } perKwh && reader.Ordered(s, e, JsonPath.Property(path, "end")))
            {
                prices.Add(new PriceInterval(s, e, (double)perKwh));
            }
        }

        return prices;
    }

    private static List<PriceInterval> ReadGraphQl(JsonElement root, EnergyZeroSeries series, TariffJson reader)
    {
        var prices = new List<PriceInterval>();
        const string MarketPath = "$.data.energyMarketPrices";
        if (series is not (EnergyZeroSeries.Base or EnergyZeroSeries.BaseWithVat))
        {
            reader.Errors.Add(new TariffError(MarketPath, $"has no {series} prices: expected {nameof(EnergyZeroSeries.Base)} or {nameof(EnergyZeroSeries.BaseWithVat)} for the GraphQL shape"));
            return prices;
        }

        if (reader.Property(root, JsonPath.Root, "data", JsonValueKind.Object) is not { } data
            || reader.Property(data, "$.data", "energyMarketPrices", JsonValueKind.Object) is not { } market
            || reader.Array(market, MarketPath, "prices") is not { } entries)
        {
            return prices;
        }

        var field = series == EnergyZeroSeries.BaseWithVat ? "energyPriceIncl" : "energyPriceExcl";
        var i = 0;
        foreach (var entry in entries.EnumerateArray())
        {
            var path = JsonPath.Index(MarketPath + ".prices", i++);
            var start = reader.Instant(entry, path, "from");
            var end = reader.Instant(entry, path, "till");
            var price = reader.Number(entry, path, field);
            if (start is { } s && end is { } e && price is { } perKwh && reader.Ordered(s, e, JsonPath.Property(path, "till")))
            {
                prices.Add(new PriceInterval(s, e, (double)perKwh));
            }
        }

        return prices;
    }
}
