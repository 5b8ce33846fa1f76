using Scheduler.Protocols.JsonSupport;

namespace Scheduler.Protocols.Tariffs;

/// <summary>
/// Reads a page of Octopus Energy unit rates (<c>…/standard-unit-rates/</c>: <c>results[{value_exc_vat, value_inc_vat,
/// valid_from, valid_to}]</c>, newest first) as Agile publishes them. Pence per kWh become GBP per kWh; the result is
/// sorted oldest first.
/// </summary>
public static class OctopusAgileReader
{
    /// <summary>Reads a page from a stream.</summary>
    public static TariffReadResult Read(Stream json, bool includeVat = true) => TariffText.Read(json, text => Read(text, includeVat));

    /// <summary>Reads a page from its text.</summary>
    /// <param name="json">The response body.</param>
    /// <param name="includeVat">True (the default) for <c>value_inc_vat</c>, false for <c>value_exc_vat</c>.</param>
    public static TariffReadResult Read(string json, bool includeVat = true)
    {
        var reader = new TariffJson();
        using var document = reader.Parse(json);
        if (document is null)
        {
            return TariffReadResult.From(null, [], reader.Errors);
        }

        var field = includeVat ? "value_inc_vat" : "value_exc_vat";
        if (reader.Entries(document.RootElement, JsonPath.Root, "results") is { } results)
        {
            var i = 0;
            foreach (var entry in results.EnumerateArray())
            {
                if (reader.Prices.IsFull)
                {
                    break;
                }

                var path = JsonPath.Index("$.results", i++);
                var start = reader.Instant(entry, path, "valid_from");
                var end = reader.Instant(entry, path, "valid_to");
                var pence = reader.Number(entry, path, field);
                if (start is { } s && end is { } e && pence is { } p)
                {
                    reader.Prices.Add(s, e, (double)(p / 100m), path, JsonPath.Property(path, "valid_to"));
                }
            }
        }

        return reader.Prices.ToResult("GBP");
    }
}
