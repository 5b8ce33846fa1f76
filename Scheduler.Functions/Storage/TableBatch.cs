using Azure.Data.Tables;

namespace Scheduler.Functions.Storage;

/// <summary>
/// Writes many entities of one partition as entity group transactions within the service's rules: at most 100
/// operations, one partition and 4 MiB per batch (Azurite does not check these, so we do).
/// </summary>
public static class TableBatch
{
    /// <summary>The most operations in one transaction.</summary>
    public const int MaxOperations = 100;

    /// <summary>A conservative estimate of the payload budget of one transaction, in bytes (the limit is 4 MiB).</summary>
    public const int MaxBytes = 3 * 1024 * 1024;

    /// <summary>Submits the actions in as few transactions as the rules allow, in order.</summary>
    /// <param name="table">The table.</param>
    /// <param name="actions">The actions, all on one partition.</param>
    /// <param name="sizeOf">An estimate of each action's size in bytes.</param>
    /// <param name="cancellationToken">Cancels the writes.</param>
    /// <exception cref="ArgumentException">The actions span more than one partition.</exception>
    public static async Task SubmitAsync(
        TableClient table,
        IReadOnlyList<TableTransactionAction> actions,
        Func<TableTransactionAction, int> sizeOf,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(table);
        foreach (var batch in Split(actions, sizeOf))
        {
            await table.SubmitTransactionAsync(batch, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Submits the actions, taking each as 2 KiB.</summary>
    public static Task SubmitAsync(TableClient table, IReadOnlyList<TableTransactionAction> actions, CancellationToken cancellationToken = default) =>
        SubmitAsync(table, actions, DefaultSize, cancellationToken);

    /// <summary>Cuts the actions into transactions within the rules, in order, for a caller that handles each one's failure itself.</summary>
    /// <param name="actions">The actions, all on one partition.</param>
    /// <param name="sizeOf">An estimate of each action's size in bytes; null takes each as 2 KiB.</param>
    /// <exception cref="ArgumentException">The actions span more than one partition.</exception>
    public static IReadOnlyList<IReadOnlyList<TableTransactionAction>> Split(IReadOnlyList<TableTransactionAction> actions, Func<TableTransactionAction, int>? sizeOf = null)
    {
        ArgumentNullException.ThrowIfNull(actions);
        sizeOf ??= DefaultSize;
        if (actions.Select(a => a.Entity.PartitionKey).Distinct(StringComparer.Ordinal).Skip(1).Any())
        {
            throw new ArgumentException("a table transaction holds one partition only", nameof(actions));
        }

        var batches = new List<IReadOnlyList<TableTransactionAction>>();
        var batch = new List<TableTransactionAction>();
        var bytes = 0;
        foreach (var action in actions)
        {
            var size = sizeOf(action);
            if (batch.Count > 0 && (batch.Count == MaxOperations || bytes + size > MaxBytes))
            {
                batches.Add(batch);
                batch = [];
                bytes = 0;
            }

            batch.Add(action);
            bytes += size;
        }

        if (batch.Count > 0)
        {
            batches.Add(batch);
        }

        return batches;
    }

    private static int DefaultSize(TableTransactionAction action) => 2048;
}
