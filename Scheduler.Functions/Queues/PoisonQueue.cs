using Azure.Data.Tables;
using Microsoft.Extensions.Logging;
using NodaTime;
using Scheduler.Functions.Storage;

namespace Scheduler.Functions.Queues;

/// <summary>
/// Moves a message that can never be processed to <c>&lt;queue&gt;-poison</c> at once, unchanged so that it can be
/// replayed, and records why in the poison table and the log; retrying it would only delay the messages behind it.
/// </summary>
public sealed partial class PoisonQueue
{
    private readonly QueueSender _sender;
    private readonly StorageTables _tables;
    private readonly ILogger<PoisonQueue> _logger;

    /// <summary>Creates the poison path.</summary>
    public PoisonQueue(QueueSender sender, StorageTables tables, ILogger<PoisonQueue> logger)
    {
        _sender = sender;
        _tables = tables;
        _logger = logger;
    }

    /// <summary>Poisons one message.</summary>
    public async Task PoisonAsync(string queue, string messageText, PoisonRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        LogPoisoned(_logger, queue, record.MessageId, record.Code, record.Reason);
        var table = await _tables.GetAsync(TableNames.Poison, cancellationToken).ConfigureAwait(false);
        await table.UpsertEntityAsync(
            new TableEntity(queue, TableKey.Encode(record.MessageId))
            {
                ["MessageId"] = record.MessageId,
                ["Code"] = record.Code,
                ["Reason"] = Truncate(record.Reason, 16_000),
                ["At"] = record.At.ToDateTimeOffset(),
            },
            TableUpdateMode.Replace,
            cancellationToken).ConfigureAwait(false);
        await _sender.SendAsync(QueueNames.PoisonOf(queue), messageText, cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The reasons recorded for a queue's poisoned messages.</summary>
    public async Task<IReadOnlyList<PoisonRecord>> ListAsync(string queue, CancellationToken cancellationToken = default)
    {
        var table = await _tables.GetAsync(TableNames.Poison, cancellationToken).ConfigureAwait(false);
        var records = new List<PoisonRecord>();
        await foreach (var row in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {queue}"), cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            records.Add(new PoisonRecord(queue, row.GetString("MessageId"), row.GetString("Code"), row.GetString("Reason"), Instant.FromDateTimeOffset(row.GetDateTimeOffset("At")!.Value)));
        }

        return records;
    }

    private static string Truncate(string text, int length) => text.Length <= length ? text : text[..length];

    [LoggerMessage(Level = LogLevel.Warning, Message = "Message {MessageId} from queue {Queue} moved to its poison queue: {Code}: {Reason}")]
    private static partial void LogPoisoned(ILogger logger, string queue, string messageId, string code, string reason);
}
