using Azure.Data.Tables;
using NodaTime;
using Scheduler.Functions.Storage;

namespace Scheduler.Functions.Signals;

/// <summary>
/// The grid-signals table: one partition per site, one row per OpenADR event id. A newer modificationDateTime
/// replaces the stored version, an older one is ignored, and a deletion is kept as a marker so that a late copy of
/// the deleted event cannot bring it back.
/// </summary>
public sealed class GridSignalStore
{
    /// <summary>The longest event text stored (the table's string limit is 32 K UTF-16 characters).</summary>
    public const int MaxEventJsonLength = 32_000;

    private readonly StorageTables _tables;

    /// <summary>Creates the store.</summary>
    public GridSignalStore(StorageTables tables) => _tables = tables;

    /// <summary>Stores an event (or its deletion) unless the stored version is newer.</summary>
    /// <returns>
    /// Whether the stored event is now this one: newly stored, or stored before by an earlier delivery of the same
    /// version (whose re-plan a crash may have cut off). False when a newer version is stored.
    /// </returns>
    public async Task<bool> PutAsync(string siteId, StoredGridEvent gridEvent, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(gridEvent);
        if (gridEvent.EventJson.Length > MaxEventJsonLength)
        {
            throw new ArgumentException($"the event is {gridEvent.EventJson.Length} characters long; at most {MaxEventJsonLength} can be stored", nameof(gridEvent));
        }

        var table = await _tables.GetAsync(TableNames.GridSignals, cancellationToken).ConfigureAwait(false);
        var isCurrent = false;
        await OptimisticUpdate.ApplyAsync(
            table,
            TableKey.Encode(siteId),
            TableKey.Encode(gridEvent.EventId),
            current =>
            {
                if (current is not null && !IsNewer(gridEvent, current))
                {
                    isCurrent = IsSame(gridEvent, current);
                    return null;
                }

                isCurrent = true;
                return new TableEntity
                {
                    ["EventId"] = gridEvent.EventId,
                    ["EventJson"] = gridEvent.EventJson,
                    ["ModifiedAt"] = gridEvent.ModifiedAt?.ToDateTimeOffset(),
                    ["Deleted"] = gridEvent.Deleted,
                    ["ReceivedAt"] = gridEvent.ReceivedAt.ToDateTimeOffset(),
                };
            },
            cancellationToken).ConfigureAwait(false);
        return isCurrent;
    }

    /// <summary>Every event stored for the site, deleted ones included, in id order.</summary>
    public async Task<IReadOnlyList<StoredGridEvent>> ListAsync(string siteId, CancellationToken cancellationToken = default)
    {
        var table = await _tables.GetAsync(TableNames.GridSignals, cancellationToken).ConfigureAwait(false);
        var events = new List<StoredGridEvent>();
        await foreach (var row in table.QueryAsync<TableEntity>(
            TableClient.CreateQueryFilter($"PartitionKey eq {TableKey.Encode(siteId)}"), cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            events.Add(new StoredGridEvent(
                row.GetString("EventId"),
                row.GetString("EventJson"),
                row.GetDateTimeOffset("ModifiedAt") is { } modified ? Instant.FromDateTimeOffset(modified) : null,
                row.GetBoolean("Deleted") ?? false,
                Instant.FromDateTimeOffset(row.GetDateTimeOffset("ReceivedAt")!.Value)));
        }

        return [.. events.OrderBy(e => e.EventId, StringComparer.Ordinal)];
    }

    private static bool IsSame(StoredGridEvent incoming, TableEntity stored) =>
        (stored.GetBoolean("Deleted") ?? false) == incoming.Deleted && string.Equals(stored.GetString("EventJson"), incoming.EventJson, StringComparison.Ordinal);

    // A deletion wins over any version of the same age or older; otherwise a strictly newer modification wins,
    // and an event without a modification time replaces one only when its text differs.
    private static bool IsNewer(StoredGridEvent incoming, TableEntity stored)
    {
        var storedDeleted = stored.GetBoolean("Deleted") ?? false;
        var storedModified = stored.GetDateTimeOffset("ModifiedAt") is { } m ? Instant.FromDateTimeOffset(m) : (Instant?)null;
        if (incoming.Deleted)
        {
            return !storedDeleted;
        }

        if (incoming.ModifiedAt is { } modified && storedModified is { } previous)
        {
            return modified > previous;
        }

        return !storedDeleted && !string.Equals(stored.GetString("EventJson"), incoming.EventJson, StringComparison.Ordinal);
    }
}
