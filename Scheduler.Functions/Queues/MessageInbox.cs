using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Data.Tables;
using NodaTime;
using NodaTime.Text;
using Scheduler.Functions.Storage;

namespace Scheduler.Functions.Queues;

/// <summary>
/// The idempotency record: the ids of messages whose effects are complete, per queue. Queues deliver at least once,
/// so a message is checked here first and marked done last; its effects are themselves idempotent, so a crash
/// between the two only costs a repeat that changes nothing.
/// </summary>
/// <remarks>
/// Ids are kept in one table per UTC day (<c>Inbox20260310</c>) and remembered for at least a day: a lookup reads
/// today's table, then yesterday's. A table older than yesterday is deleted whole when the next day's is first used,
/// which costs one call where deleting its rows would cost one per hundred (MS Learn, table design patterns: the
/// high-volume delete pattern). Within a day, each queue's ids are spread over <see cref="Buckets"/> partitions by a
/// hash, so that no partition takes a whole queue's traffic.
/// </remarks>
public sealed class MessageInbox
{
    /// <summary>How many partitions each queue's ids are spread over.</summary>
    public const int Buckets = 16;

    private static readonly LocalDatePattern DayPattern = LocalDatePattern.CreateWithInvariantCulture("uuuuMMdd");

    private readonly StorageTables _tables;
    private readonly TableServiceClient _service;
    private readonly IClock _clock;
    private readonly CreatedOnce<string> _expired;

    /// <summary>Creates the inbox.</summary>
    public MessageInbox(StorageTables tables, TableServiceClient service, IClock clock)
    {
        _tables = tables;
        _service = service;
        _clock = clock;
        _expired = new CreatedOnce<string>(ExpireBeforeAsync);
    }

    /// <summary>The name of the inbox table of one UTC day.</summary>
    public static string TableOf(LocalDate day) => TableNames.InboxPrefix + DayPattern.Format(day);

    /// <summary>Whether the message has been processed before (within at least the last day).</summary>
    public async Task<bool> WasProcessedAsync(string queue, string messageId, CancellationToken cancellationToken = default)
    {
        var today = Today();
        foreach (var day in new[] { today, today.PlusDays(-1) })
        {
            var table = _service.GetTableClient(TableOf(day));
            try
            {
                if (await OptimisticUpdate.ReadAsync(table, PartitionOf(queue, messageId), TableKey.Encode(messageId), cancellationToken).ConfigureAwait(false) is not null)
                {
                    return true;
                }
            }
            catch (RequestFailedException e) when (e.Status == 404)
            {
                // That day's table does not exist (yet, or any more).
            }
        }

        return false;
    }

    /// <summary>Marks the message processed; marking it twice is harmless.</summary>
    public async Task MarkProcessedAsync(string queue, string messageId, Instant at, string outcome, CancellationToken cancellationToken = default)
    {
        var today = Today();
        var table = await _tables.GetAsync(TableOf(today), cancellationToken).ConfigureAwait(false);
        await _expired.GetAsync(DayPattern.Format(today), cancellationToken).ConfigureAwait(false);
        try
        {
            await table.AddEntityAsync(
                new TableEntity(PartitionOf(queue, messageId), TableKey.Encode(messageId)) { ["ProcessedAt"] = at.ToDateTimeOffset(), ["Outcome"] = outcome },
                cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            // Another delivery of the same message finished first.
        }
    }

    private LocalDate Today() => _clock.GetCurrentInstant().InUtc().Date;

    // Deletes the inbox tables of the days before yesterday; run once per day and process, and again if it failed.
    private async Task<string> ExpireBeforeAsync(string day, CancellationToken cancellationToken)
    {
        var keep = TableOf(DayPattern.Parse(day).Value.PlusDays(-1));
        await foreach (var table in _service.QueryAsync(
            TableServiceClient.CreateQueryFilter($"TableName ge {TableNames.InboxPrefix} and TableName lt {keep}"), cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (table.Name.Length == keep.Length && table.Name.StartsWith(TableNames.InboxPrefix, StringComparison.Ordinal))
            {
                try
                {
                    await _service.DeleteTableAsync(table.Name, cancellationToken).ConfigureAwait(false);
                }
                catch (RequestFailedException e) when (e.Status == 404)
                {
                    // Another instance deleted it first.
                }
            }
        }

        return day;
    }

    private static string PartitionOf(string queue, string messageId)
    {
        var bucket = SHA256.HashData(Encoding.UTF8.GetBytes(messageId))[0] % Buckets;
        return TableKey.Compose(queue, bucket.ToString("x", CultureInfo.InvariantCulture));
    }
}
