using System.Text;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging;
using NodaTime;
using Scheduler.Functions.Storage;

namespace Scheduler.Functions.Queues;

/// <summary>
/// The Poison table: every message given up on, whoever gave up (a handler that refused it, or the Functions host after
/// its last failed delivery), with its text and why, one partition per queue. It is where operators look and what
/// <see cref="PoisonReplay"/> re-sends. Each recording is also logged as a warning.
/// </summary>
public sealed partial class PoisonStore
{
    // A queue message holds at most 64 KiB, and so does a binary property.
    private const int MaxTextBytes = 64 * 1024;

    private readonly StorageTables _tables;
    private readonly ILogger<PoisonStore> _logger;

    /// <summary>Creates the store.</summary>
    public PoisonStore(StorageTables tables, ILogger<PoisonStore> logger)
    {
        _tables = tables;
        _logger = logger;
    }

    /// <summary>Records a poisoned message; recording it again replaces the record (and makes it replayable again).</summary>
    public async Task RecordAsync(PoisonRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        LogPoisoned(_logger, record.MessageId, record.Queue, record.Code, record.Reason);
        var table = await _tables.GetAsync(TableNames.Poison, cancellationToken).ConfigureAwait(false);
        var text = Encoding.UTF8.GetBytes(record.Text);
        await table.UpsertEntityAsync(
            new TableEntity(record.Queue, TableKey.Encode(record.MessageId))
            {
                ["MessageId"] = record.MessageId,
                ["Code"] = record.Code,
                ["Reason"] = Truncate(record.Reason, 16_000),
                ["At"] = record.At.ToDateTimeOffset(),
                ["Text"] = text.Length <= MaxTextBytes ? text : text[..MaxTextBytes],
                ["ReplayedAt"] = null,
            },
            TableUpdateMode.Replace,
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The records of a queue's poisoned messages, replayed ones included.</summary>
    public async Task<IReadOnlyList<PoisonRecord>> ListAsync(string queue, CancellationToken cancellationToken = default)
    {
        var table = await _tables.GetAsync(TableNames.Poison, cancellationToken).ConfigureAwait(false);
        var records = new List<PoisonRecord>();
        await foreach (var row in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {queue}"), cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            records.Add(new PoisonRecord(
                queue,
                row.GetString("MessageId"),
                row.GetString("Code"),
                row.GetString("Reason"),
                Instant.FromDateTimeOffset(row.GetDateTimeOffset("At")!.Value),
                Encoding.UTF8.GetString(row.GetBinary("Text") ?? []))
            {
                ReplayedAt = row.GetDateTimeOffset("ReplayedAt") is { } replayed ? Instant.FromDateTimeOffset(replayed) : null,
            });
        }

        return records;
    }

    /// <summary>Marks a record replayed at <paramref name="at"/>.</summary>
    public async Task MarkReplayedAsync(string queue, string messageId, Instant at, CancellationToken cancellationToken = default)
    {
        var table = await _tables.GetAsync(TableNames.Poison, cancellationToken).ConfigureAwait(false);
        await table.UpdateEntityAsync(
            new TableEntity(queue, TableKey.Encode(messageId)) { ["ReplayedAt"] = at.ToDateTimeOffset() },
            Azure.ETag.All,
            TableUpdateMode.Merge,
            cancellationToken).ConfigureAwait(false);
    }

    private static string Truncate(string text, int length) => text.Length <= length ? text : text[..length];

    [LoggerMessage(Level = LogLevel.Warning, Message = "Message {MessageId} from queue {Queue} poisoned: {Code}: {Reason}")]
    private static partial void LogPoisoned(ILogger logger, string messageId, string queue, string code, string reason);
}
