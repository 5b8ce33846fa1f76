using Microsoft.Azure.Functions.Worker;
using NodaTime;
using Scheduler.Functions.Triggers;
using Scheduler.Functions.Queues;
using Scheduler.Functions.Sites;
using Scheduler.Functions.Storage;
using Scheduler.Protocols.Messages;
using Scheduler.Tests.Storage;

namespace Scheduler.Tests.Functions.Triggers;

[Collection("Azurite")]
public sealed class PlanAllSitesFunctionTests(AzuriteFixture azurite)
{
    // Tuesday 2026-03-10, 13:00 in Amsterdam: a quarter-hour occurrence of the schedule.
    private static readonly Instant Now = Instant.FromUtc(2026, 3, 10, 12, 0);

    private static readonly string[] SiteIds = ["depot-1", "depot-2", "depot-3"];

    [Fact]
    public async Task Run_ThreeSites_OnePlanRequestEach()
    {
        await using var app = await StartAsync();

        await RunAsync(app, pastDue: false);

        var requests = await PlanRequestsAsync(app);
        Assert.Equal(SiteIds, requests.Select(r => r.SiteId).Order(StringComparer.Ordinal));
        Assert.All(requests, r => Assert.Equal(("timer", Now), (r.Reason, r.RequestedAt)));
        Assert.Equal(3, requests.Select(r => r.Id).Distinct().Count());
    }

    [Fact]
    public async Task Run_FiresTwiceInOneMinute_SameIdsAndEachSitePlannedOnce()
    {
        await using var app = await StartAsync();
        await RunAsync(app, pastDue: false);
        app.Clock.Advance(Duration.FromSeconds(20));

        await RunAsync(app, pastDue: true);
        var requests = await PlanRequestsAsync(app);
        await app.DrainAsync(QueueNames.PlanRequests, m => app.Function<PlanSiteFunction>().Run(m, default));

        Assert.Equal(6, requests.Count);
        Assert.Equal(3, requests.Select(r => r.Id).Distinct().Count());
        var plans = (await app.RowsAsync(TableNames.Plans)).Where(r => r.ContainsKey("SiteId")).ToList();
        Assert.Equal(SiteIds, plans.Select(p => p.GetString("SiteId")).Order(StringComparer.Ordinal));
        Assert.Equal(3, app.Logs.Lines.Count(l => l.Text.Contains("processed before", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Run_ThreeSites_ReadsOnlyTheSiteIndexNotTheWholeTable()
    {
        await using var app = await StartAsync();
        await RunAsync(app, pastDue: false);
        app.Storage.ClearCalls();
        app.Clock.Advance(Duration.FromMinutes(15));

        await RunAsync(app, pastDue: false);

        var reads = app.Storage.Calls.Where(c => c.Resource == TableNames.Sites && c.Method == "GET").ToList();
        var read = Assert.Single(reads);
        Assert.Contains("PartitionKey eq '|index'", read.Query, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_SitesStoredBeforeTheIndex_IndexedOnceAndPlanned()
    {
        await using var app = await StartAsync();
        var sites = app.Tables.GetTableClient(TableNames.Sites);
        await foreach (var row in sites.QueryAsync<Azure.Data.Tables.TableEntity>("PartitionKey eq '|index'"))
        {
            await sites.DeleteEntityAsync(row.PartitionKey, row.RowKey);
        }

        await RunAsync(app, pastDue: false);

        Assert.Equal(SiteIds, (await PlanRequestsAsync(app)).Select(r => r.SiteId).Order(StringComparer.Ordinal));
        Assert.Equal(SiteIds.Length + 1, (await app.RowsAsync(TableNames.Sites)).Count(r => r.PartitionKey == "|index"));
    }

    private static Task RunAsync(AppHarness app, bool pastDue) =>
        app.Function<PlanAllSitesFunction>().Run(new TimerInfo { IsPastDue = pastDue }, default);

    private static async Task<IReadOnlyList<PlanRequestMessage>> PlanRequestsAsync(AppHarness app) =>
        [.. (await app.PeekAsync(QueueNames.PlanRequests)).Select(t => PlanRequestMessageReader.Read(t).Message!)];

    private async Task<AppHarness> StartAsync()
    {
        var app = await AppHarness.StartAsync(azurite, Now);
        foreach (var id in SiteIds)
        {
            await app.Get<SiteStore>().UpsertAsync(TestSites.Depot(id));
        }

        return app;
    }
}
