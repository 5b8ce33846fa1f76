using NodaTime;
using Scheduler.Functions.Http;
using Scheduler.Functions.Queues;
using Scheduler.Functions.Sessions;
using Scheduler.Functions.Sites;
using Scheduler.Functions.Tariffs;
using Scheduler.Functions.Triggers;
using Scheduler.Protocols.Messages;
using Scheduler.Tests.Storage;

namespace Scheduler.Tests.Functions.Http;

/// <summary>
/// The depot of <see cref="TestSites.Depot"/> on Azurite with fresh feed prices, van-7 plugged into cp-1 and van-8
/// into cp-2 since an hour before <see cref="Now"/>, and the drivers Ann (van-7) and Ben (van-8) mapped to them.
/// </summary>
internal static class ApiSite
{
    /// <summary>Tuesday 2026-03-10, 13:00 in Amsterdam.</summary>
    public static readonly Instant Now = Instant.FromUtc(2026, 3, 10, 12, 0);

    public static readonly Caller Ann = Caller.Driver("oid-ann");

    public static readonly Caller Ben = Caller.Driver("oid-ben");

    public static async Task<AppHarness> StartAsync(AzuriteFixture azurite, IDictionary<string, string?>? settings = null, Instant? now = null)
    {
        var at = now ?? Now;
        var app = await AppHarness.StartAsync(azurite, at, settings);
        var siteSettings = new SiteSettings { TariffFeed = new TariffFeedSettings { Format = "awattar", Url = "https://feed.example/prices" } };
        await app.Get<SiteStore>().UpsertAsync(TestSites.Depot(settings: siteSettings));
        await TestSites.StoreFeedPricesAsync(app.Get<TariffStore>(), "depot-1", at - Duration.FromHours(12), 72, at);
        await PlugInAsync(app, "cp-1", "tx-1", "van-7", at - Duration.FromHours(1));
        await PlugInAsync(app, "cp-2", "tx-2", "van-8", at - Duration.FromHours(1));
        await app.Get<VehicleAccessStore>().GrantAsync("depot-1", "van-7", Ann.ObjectId!, "op", at);
        await app.Get<VehicleAccessStore>().GrantAsync("depot-1", "van-8", Ben.ObjectId!, "op", at);
        return app;
    }

    public static Task PlugInAsync(AppHarness app, string chargerId, string transactionId, string vehicleId, Instant at) =>
        app.Get<SessionStore>().ApplyAsync(new SessionEventMessage($"s-{transactionId}", "depot-1", SessionEventKind.Started, chargerId, transactionId, at, 0, vehicleId: vehicleId));

    /// <summary>Delivers every waiting plan request to PlanSite, as the host would.</summary>
    public static async Task PlanAsync(AppHarness app, string requestId = "r-test")
    {
        await app.SendAsync(QueueNames.PlanRequests, TestMessages.PlanRequest(requestId, "depot-1", app.Clock.GetCurrentInstant()));
        await app.DrainAsync(QueueNames.PlanRequests, m => app.Function<PlanSiteFunction>().Run(m, default));
    }
}
