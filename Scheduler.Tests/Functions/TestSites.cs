using System.Text.Json;
using NodaTime;
using Scheduler.Functions.Sites;
using Scheduler.Functions.Tariffs;
using Scheduler.Optimizer.Model;

namespace Scheduler.Tests.Functions;

/// <summary>Small sites for the app's tests.</summary>
internal static class TestSites
{
    /// <summary>A TOU tariff in the acnportal JSON: 0.30 from 07:00 to 21:00 local, 0.10 otherwise, all year.</summary>
    public const string DayNightTou = """
        {"schedule":[{"id":"day-night","effective_start":"01-01","effective_end":"12-31","dow_mask":"ALL","times":[0,7,21],"tariffs":[0.10,0.30,0.10],"demand_charge":0}]}
        """;

    /// <summary>
    /// A depot in Amsterdam: a 50 kW connection, one 63 A feeder with four 3-phase 16 A chargers (cp-1 to cp-4),
    /// defaults of 07:30 on working days and 20 kWh.
    /// </summary>
    public static SiteRecord Depot(string id = "depot-1", SiteSettings? settings = null) => new(
        id,
        "Europe/Amsterdam",
        230,
        50,
        settings ?? new SiteSettings(),
        [new CircuitRecord("feeder-a", null, 63)],
        [.. Enumerable.Range(1, 4).Select(i => new ChargerRecord { Id = $"cp-{i}", CircuitId = "feeder-a", MaxCurrentA = 16, StationId = $"CS/{i:00}" })]);

    /// <summary>Settings with a CSMS at <paramref name="csmsBaseUrl"/> and the day-night TOU tariff.</summary>
    public static SiteSettings WithCsms(Uri csmsBaseUrl, string ocppVersion = "2.0.1") => new()
    {
        Csms = new CsmsSettings { BaseUrl = csmsBaseUrl.ToString(), OcppVersion = ocppVersion },
        TouTariff = JsonDocument.Parse(DayNightTou).RootElement.Clone(),
    };

    /// <summary>Quarter-hour prices from <paramref name="start"/> for <paramref name="hours"/> hours: cheap in the small hours UTC, dear otherwise.</summary>
    public static IReadOnlyList<PriceInterval> QuarterHourPrices(Instant start, int hours) =>
        [.. Enumerable.Range(0, hours * 4).Select(i =>
        {
            var from = start + Duration.FromMinutes(15 * i);
            var hour = from.InUtc().Hour;
            return new PriceInterval(from, from + Duration.FromMinutes(15), hour is >= 1 and < 5 ? 0.05 : 0.25);
        })];

    /// <summary>Stores fresh feed prices for a site, as <c>PullTariffs</c> would have.</summary>
    public static async Task StoreFeedPricesAsync(TariffStore store, string siteId, Instant start, int hours, Instant fetchedAt)
    {
        await store.WritePricesAsync(siteId, "EUR", QuarterHourPrices(start, hours), "feed:awattar", fetchedAt);
        await store.WriteStatusAsync(siteId, new TariffFeedStatus("feed:awattar", fetchedAt, fetchedAt, null));
    }
}
