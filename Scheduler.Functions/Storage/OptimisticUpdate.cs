using Azure;
using Azure.Data.Tables;

namespace Scheduler.Functions.Storage;

/// <summary>
/// Read-modify-write of one entity with its ETag: when another writer got there first (412, or 409 on a create),
/// the entity is read again and the change applied again, so concurrent updates are never lost.
/// </summary>
public static class OptimisticUpdate
{
    /// <summary>How often a write is tried before giving up.</summary>
    public const int MaxAttempts = 10;

    /// <summary>Applies <paramref name="change"/> to the entity (null when it does not exist yet) until it is written.</summary>
    /// <param name="table">The table.</param>
    /// <param name="partitionKey">The entity's partition key.</param>
    /// <param name="rowKey">The entity's row key.</param>
    /// <param name="change">
    /// Given the current entity (or null), returns the entity to write, or null to leave it as it is. It may be
    /// called more than once and must not have side effects.
    /// </param>
    /// <param name="cancellationToken">Cancels the update.</param>
    /// <returns>The entity as written (with its new ETag), or as it was when <paramref name="change"/> left it alone (null if absent).</returns>
    /// <exception cref="InvalidOperationException">Other writers won <see cref="MaxAttempts"/> times in a row.</exception>
    public static Task<TableEntity?> ApplyAsync(
        TableClient table,
        string partitionKey,
        string rowKey,
        Func<TableEntity?, TableEntity?> change,
        CancellationToken cancellationToken = default) =>
        ApplyAsync(table, partitionKey, rowKey, change, firstRead: null, cancellationToken);

    /// <summary>
    /// As <see cref="ApplyAsync(TableClient, string, string, Func{TableEntity?, TableEntity?}, CancellationToken)"/>, starting
    /// from <paramref name="read"/>, the entity as the caller already read it (with its ETag), to save a read: if it has
    /// changed since, the write fails its ETag check and the entity is read again.
    /// </summary>
    public static Task<TableEntity?> ApplyAsync(TableClient table, TableEntity read, Func<TableEntity?, TableEntity?> change, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(read);
        return ApplyAsync(table, read.PartitionKey, read.RowKey, change, read, cancellationToken);
    }

    private static async Task<TableEntity?> ApplyAsync(
        TableClient table,
        string partitionKey,
        string rowKey,
        Func<TableEntity?, TableEntity?> change,
        TableEntity? firstRead,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(change);
        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            var current = attempt == 1 && firstRead is not null ? firstRead : await ReadAsync(table, partitionKey, rowKey, cancellationToken).ConfigureAwait(false);
            var copy = current is null ? null : Copy(current);
            var next = change(copy);
            if (next is null)
            {
                return current;
            }

            next.PartitionKey = partitionKey;
            next.RowKey = rowKey;
            try
            {
                var response = current is null
                    ? await table.AddEntityAsync(next, cancellationToken).ConfigureAwait(false)
                    : await table.UpdateEntityAsync(next, current.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);

                // The new version, so that a caller may write again from it without reading it first.
                next.ETag = response.Headers.ETag ?? default;
                return next;
            }
            catch (RequestFailedException e) when (e.Status is 409 or 412)
            {
                // Someone else wrote in between: read their version and apply the change to it.
            }
        }

        throw new InvalidOperationException($"the entity {partitionKey}/{rowKey} kept changing under {MaxAttempts} attempts to update it");
    }

    /// <summary>Reads one entity, or null when it does not exist.</summary>
    public static async Task<TableEntity?> ReadAsync(TableClient table, string partitionKey, string rowKey, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(table);
        var response = await table.GetEntityIfExistsAsync<TableEntity>(partitionKey, rowKey, cancellationToken: cancellationToken).ConfigureAwait(false);
        return response.HasValue ? response.Value : null;
    }

    private static TableEntity Copy(TableEntity entity)
    {
        var copy = new TableEntity(entity.PartitionKey, entity.RowKey) { ETag = entity.ETag };
        foreach (var (key, value) in entity)
        {
            if (key is not ("odata.etag" or "PartitionKey" or "RowKey" or "Timestamp"))
            {
                copy[key] = value;
            }
        }

        return copy;
    }
}
