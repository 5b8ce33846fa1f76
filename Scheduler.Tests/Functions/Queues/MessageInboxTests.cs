using NodaTime;
using Scheduler.Functions.Queues;
using Scheduler.Functions.Storage;
using Scheduler.Tests.Storage;

namespace Scheduler.Tests.Functions.Queues;

[Collection("Azurite")]
public sealed class MessageInboxTests(AzuriteFixture azurite)
{
    private static readonly Instant Now = Instant.FromUtc(2026, 3, 10, 23, 0);

    [Fact]
    public async Task WasProcessedAsync_ProcessedLateYesterday_StillARepeatToday()
    {
        await using var app = await AppHarness.StartAsync(azurite, Now);
        var inbox = app.Get<MessageInbox>();
        await inbox.MarkProcessedAsync(QueueNames.Departures, "d-1", Now, "done");

        app.Clock.Advance(Duration.FromHours(2));

        Assert.True(await inbox.WasProcessedAsync(QueueNames.Departures, "d-1"));
        Assert.False(await inbox.WasProcessedAsync(QueueNames.SessionEvents, "d-1"));
    }

    [Fact]
    public async Task MarkProcessedAsync_TwoDaysLater_TheOldDaysTableIsDeletedWhole()
    {
        await using var app = await AppHarness.StartAsync(azurite, Now);
        var inbox = app.Get<MessageInbox>();
        await inbox.MarkProcessedAsync(QueueNames.Departures, "d-1", Now, "done");

        app.Clock.Advance(Duration.FromDays(2));
        await inbox.MarkProcessedAsync(QueueNames.Departures, "d-2", app.Clock.GetCurrentInstant(), "done");

        var tables = new List<string>();
        await foreach (var table in app.Tables.QueryAsync($"TableName ge '{TableNames.InboxPrefix}' and TableName lt 'Inboy'"))
        {
            tables.Add(table.Name);
        }

        Assert.Equal([MessageInbox.TableOf(new LocalDate(2026, 3, 12))], tables);
        Assert.False(await inbox.WasProcessedAsync(QueueNames.Departures, "d-1"));
    }

    [Fact]
    public async Task MarkProcessedAsync_ManyIds_SpreadOverTheQueuesBuckets()
    {
        await using var app = await AppHarness.StartAsync(azurite, Now);
        var inbox = app.Get<MessageInbox>();
        foreach (var i in Enumerable.Range(0, 64))
        {
            await inbox.MarkProcessedAsync(QueueNames.SessionEvents, $"e-{i}", Now, "done");
        }

        var partitions = (await app.RowsAsync(MessageInbox.TableOf(new LocalDate(2026, 3, 10)))).Select(r => r.PartitionKey).Distinct().ToList();

        Assert.True(partitions.Count > MessageInbox.Buckets / 2, $"{partitions.Count} partitions");
        Assert.All(partitions, p => Assert.StartsWith(QueueNames.SessionEvents + "|", p, StringComparison.Ordinal));
    }
}
