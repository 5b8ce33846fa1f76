using System.Text;
using Azure.Storage.Queues;
using Microsoft.Azure.Functions.Worker;
using NodaTime;
using Scheduler.Functions.Departures;
using Scheduler.Functions.Queues;
using Scheduler.Functions.Sessions;
using Scheduler.Functions.Sites;
using Scheduler.Functions.Triggers;
using Scheduler.Tests.Storage;

namespace Scheduler.Tests.Functions.Triggers;

[Collection("Azurite")]
public sealed class WatchPoisonFunctionTests(AzuriteFixture azurite)
{
    private static readonly Instant Now = Instant.FromUtc(2026, 3, 10, 12, 0);
    private static readonly SessionRecord Session = new() { Id = "cp-1:tx-1", ChargerId = "cp-1", TransactionId = "tx-1", Arrival = Now - Duration.FromHours(1) };

    [Fact]
    public async Task Run_MessageNotBase64MovedByTheHost_RecordedLoggedAndReplayable()
    {
        await using var app = await StartAsync();
        var text = TestMessages.Departure("d-raw", "depot-1", Session.Id, Now + Duration.FromHours(6), 30);
        // A producer that forgot base64: the trigger cannot decode it, and the host moves it to the poison queue as it is.
        await RawQueue(QueueNames.PoisonOf(QueueNames.Departures)).SendMessageAsync(text);

        await app.Function<WatchPoisonFunction>().Run(new TimerInfo(), default);

        var record = Assert.Single(await app.Get<PoisonStore>().ListAsync(QueueNames.Departures));
        Assert.Equal(("d-raw", PoisonRecord.NotBase64, text), (record.MessageId, record.Code, record.Text));
        Assert.Contains(app.Logs.Lines, l => l.Text.Contains("d-raw", StringComparison.Ordinal) && l.Text.Contains(PoisonRecord.NotBase64, StringComparison.Ordinal));
        Assert.Empty(await app.PeekAsync(QueueNames.PoisonOf(QueueNames.Departures)));

        await app.Get<PoisonReplay>().ReplayAsync(QueueNames.Departures, null);
        await app.DrainAsync(QueueNames.Departures, m => app.Function<IngestDepartureFunction>().Run(m, default));
        Assert.Equal("d-raw", (await app.Get<DepartureStore>().FindAsync("depot-1", Session))!.MessageId);
    }

    [Fact]
    public async Task Run_MessageTheHostGaveUpOn_RecordedWithItsDecodedText()
    {
        await using var app = await StartAsync();
        var text = TestMessages.PlanRequest("r-1", "depot-1", Now);
        await RawQueue(QueueNames.PoisonOf(QueueNames.PlanRequests)).SendMessageAsync(Convert.ToBase64String(Encoding.UTF8.GetBytes(text)));

        await app.Function<WatchPoisonFunction>().Run(new TimerInfo(), default);

        var record = Assert.Single(await app.Get<PoisonStore>().ListAsync(QueueNames.PlanRequests));
        Assert.Equal(("r-1", PoisonRecord.HostGaveUp, text), (record.MessageId, record.Code, record.Text));
    }

    private QueueClient RawQueue(string name)
    {
        var queue = new QueueClient(azurite.ConnectionString, name);
        queue.CreateIfNotExists();
        return queue;
    }

    private async Task<AppHarness> StartAsync()
    {
        var app = await AppHarness.StartAsync(azurite, Now);
        await app.Get<SiteStore>().UpsertAsync(TestSites.Depot());
        return app;
    }
}
