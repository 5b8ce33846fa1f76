using Azure;
using Azure.Data.Tables;
using NodaTime;
using Scheduler.Functions.Storage;

namespace Scheduler.Functions.Queues;

/// <summary>
/// The idempotency record: the ids of messages whose effects are complete, per queue. Queues deliver at least once,
/// so a message is checked here first and marked done last; its effects are themselves idempotent, so a crash
/// between the two only costs a repeat that changes nothing.
/// </summary>
public sealed class MessageInbox
{
    private readonly StorageTables _tables;

    /// <summary>Creates the inbox.</summary>
    public MessageInbox(StorageTables tables) => _tables = tables;

    /// <summary>Whether the message has been processed before.</summary>
    public async Task<bool> WasProcessedAsync(string queue, string messageId, CancellationToken cancellationToken = default)
    {
        var table = await _tables.GetAsync(TableNames.Inbox, cancellationToken).ConfigureAwait(false);
        return await OptimisticUpdate.ReadAsync(table, queue, TableKey.Encode(messageId), cancellationToken).ConfigureAwait(false) is not null;
    }

    /// <summary>Marks the message processed; marking it twice is harmless.</summary>
    public async Task MarkProcessedAsync(string queue, string messageId, Instant at, string outcome, CancellationToken cancellationToken = default)
    {
        var table = await _tables.GetAsync(TableNames.Inbox, cancellationToken).ConfigureAwait(false);
        try
        {
            await table.AddEntityAsync(
                new TableEntity(queue, TableKey.Encode(messageId)) { ["ProcessedAt"] = at.ToDateTimeOffset(), ["Outcome"] = outcome },
                cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            // Another delivery of the same message finished first.
        }
    }
}
