using System.Globalization;
using System.Text.Json;
using NodaTime;
using Scheduler.Protocols.JsonSupport;

namespace Scheduler.Protocols.Tariffs.Urdb;

/// <summary>
/// Reads a rate of OpenEI's Utility Rate Database (URDB) as its API gives it (<c>{"items": [rate]}</c>, the format
/// NREL's REopt and SAM read; a bare rate object is read too) and lays it out over local dates in the site's zone.
/// </summary>
/// <remarks>
/// Energy: <c>energyratestructure</c> (per period, <c>rate + adj</c> per kWh, plus <c>fueladjustmentsmonthly</c>)
/// by <c>energyweekdayschedule</c> / <c>energyweekendschedule</c> (12 months × 24 local hours). Demand, per calendar
/// month in the zone: the flat (facility) charge of <c>flatdemandstructure</c> picked by <c>flatdemandmonths</c>, on
/// the month's highest demand at any hour; and a charge per period of <c>demandratestructure</c> over the hours
/// <c>demandweekdayschedule</c> / <c>demandweekendschedule</c> give it. Fixed and minimum charges and reactive
/// demand are reported as <see cref="TariffReadResult.Notes"/>, not planned. Tiers of different prices, ratchets,
/// look-backs, coincident demand, demand windows other than 15 minutes and units other than kWh and kW are errors
/// naming their field (see <see cref="UrdbUnbillable"/>).
/// </remarks>
public static class UrdbTariffReader
{
    /// <summary>Reads a URDB rate and lays it out over <paramref name="dates"/>.</summary>
    /// <param name="json">The API's response for one rate (<c>getpage=&lt;label&gt;&amp;detail=full</c>), or the rate object alone.</param>
    /// <param name="zone">The site's time zone, in which the rate's clock hours and months are read.</param>
    /// <param name="dates">The local dates to price, both ends included.</param>
    /// <param name="currency">ISO 4217 code of the rate's amounts; default USD, as URDB gives them in dollars.</param>
    /// <returns>
    /// The energy prices (neighbouring hours of one price merged) and the demand charges, each with nothing recorded
    /// yet and ids such as <c>facility-2026-03</c> and <c>tou-period-2-2026-03</c> (the period's index in
    /// <c>demandratestructure</c>); or the errors, each at its JSON path.
    /// </returns>
    public static TariffReadResult Read(string json, DateTimeZone zone, DateInterval dates, string currency = "USD")
    {
        ArgumentNullException.ThrowIfNull(zone);
        ArgumentNullException.ThrowIfNull(dates);
        var reader = new TariffJson();
        using var document = reader.Parse(json);
        if (document is null || TheRate(document.RootElement, reader) is not var (element, path))
        {
            return TariffReadResult.From(currency, [], reader.Errors);
        }

        var rate = UrdbRate.Read(element, path, reader);
        if (rate is null)
        {
            return TariffReadResult.From(currency, [], reader.Errors);
        }

        return TariffReadResult.From(
            currency,
            UrdbLayout.Prices(rate, zone, dates),
            reader.Errors,
            UrdbLayout.DemandCharges(rate, zone, dates),
            UrdbNotes.For(element, path, zone, dates));
    }

    /// <summary>The one rate of an API response, or the document itself where it is a rate.</summary>
    private static (JsonElement Rate, string Path)? TheRate(JsonElement root, TariffJson reader)
    {
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("items", out _))
        {
            return (root, JsonPath.Root);
        }

        if (reader.Array(root, JsonPath.Root, "items") is not { } items)
        {
            return null;
        }

        if (items.GetArrayLength() != 1)
        {
            var labels = items.EnumerateArray()
                .Select(i => i.ValueKind == JsonValueKind.Object && i.TryGetProperty("label", out var label) ? label.ToString() : "?")
                .Take(5);
            reader.Errors.Add(new TariffError("$.items", string.Create(CultureInfo.InvariantCulture,
                $"has {items.GetArrayLength()} rates ({string.Join(", ", labels)}): expected exactly one; ask the API for one rate with getpage=<label>")));
            return null;
        }

        return (items[0], JsonPath.Index("$.items", 0));
    }
}
