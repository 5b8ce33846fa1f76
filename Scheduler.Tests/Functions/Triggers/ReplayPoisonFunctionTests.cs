using NodaTime;
using Scheduler.Functions.Departures;
using Scheduler.Functions.Queues;
using Scheduler.Functions.Sessions;
using Scheduler.Functions.Sites;
using Scheduler.Functions.Triggers;
using Scheduler.Tests.Storage;

namespace Scheduler.Tests.Functions.Triggers;

[Collection("Azurite")]
public sealed class ReplayPoisonFunctionTests(AzuriteFixture azurite)
{
    private static readonly Instant Now = Instant.FromUtc(2026, 3, 10, 12, 0);
    private static readonly SessionRecord Session = new() { Id = "cp-1:tx-1", ChargerId = "cp-1", TransactionId = "tx-1", Arrival = Now - Duration.FromHours(1) };

    [Fact]
    public async Task Run_RefusedForAnUnknownSiteThenTheSiteIsAdded_ReplayedAndProcessed()
    {
        await using var app = await AppHarness.StartAsync(azurite, Now);
        await app.SendAsync(QueueNames.Departures, TestMessages.Departure("d-1", "depot-1", Session.Id, Now + Duration.FromHours(6), 30));
        await IngestAsync(app);
        Assert.Equal("site.unknown", Assert.Single(await app.Get<PoisonStore>().ListAsync(QueueNames.Departures)).Code);

        await app.Get<SiteStore>().UpsertAsync(TestSites.Depot());
        await app.SendAsync(QueueNames.PoisonReplays, """{"type":"poison-replay","version":1,"id":"replay-1","queue":"departures"}""");
        await app.DrainAsync(QueueNames.PoisonReplays, m => app.Function<ReplayPoisonFunction>().Run(m, default));
        await IngestAsync(app);

        Assert.Equal("d-1", (await app.Get<DepartureStore>().FindAsync("depot-1", Session))!.MessageId);
        Assert.NotNull(Assert.Single(await app.Get<PoisonStore>().ListAsync(QueueNames.Departures)).ReplayedAt);
    }

    [Fact]
    public async Task Run_OneMessageNamed_OnlyThatOneReplayed()
    {
        await using var app = await AppHarness.StartAsync(azurite, Now);
        await app.SendAsync(QueueNames.Departures, "{ not json");
        await app.SendAsync(QueueNames.Departures, TestMessages.Departure("d-1", "depot-1", Session.Id, Now + Duration.FromHours(6), 30));
        await IngestAsync(app);
        await app.Get<SiteStore>().UpsertAsync(TestSites.Depot());

        await app.SendAsync(QueueNames.PoisonReplays, """{"type":"poison-replay","version":1,"id":"replay-1","queue":"departures","messageId":"d-1"}""");
        await app.DrainAsync(QueueNames.PoisonReplays, m => app.Function<ReplayPoisonFunction>().Run(m, default));

        var waiting = Assert.Single(await app.PeekAsync(QueueNames.Departures));
        Assert.Contains("\"id\":\"d-1\"", waiting, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_UnknownQueue_RefusedWithItsPath()
    {
        await using var app = await AppHarness.StartAsync(azurite, Now);
        await app.SendAsync(QueueNames.PoisonReplays, """{"type":"poison-replay","version":1,"id":"replay-1","queue":"nowhere"}""");

        await app.DrainAsync(QueueNames.PoisonReplays, m => app.Function<ReplayPoisonFunction>().Run(m, default));

        Assert.Contains("$.queue", Assert.Single(await app.Get<PoisonStore>().ListAsync(QueueNames.PoisonReplays)).Reason, StringComparison.Ordinal);
    }

    private static Task<int> IngestAsync(AppHarness app) =>
        app.DrainAsync(QueueNames.Departures, m => app.Function<IngestDepartureFunction>().Run(m, default));
}
