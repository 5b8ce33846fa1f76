using System.Text;
using Azure;
using Azure.Data.Tables;
using NodaTime;
using Scheduler.Functions.Storage;

namespace Scheduler.Functions.Dispatch;

/// <summary>
/// The dispatches table: one partition per site, one row per charger and purpose, holding the profile that should
/// be on the charger, the CSMS's last answer, the lease of the send in progress and the plan the charger last
/// accepted. A profile from an older plan never replaces one from a newer plan, and every write is ETag-guarded.
/// </summary>
public sealed class DispatchStore
{
    private readonly StorageTables _tables;

    /// <summary>Creates the store.</summary>
    public DispatchStore(StorageTables tables) => _tables = tables;

    /// <summary>Every record of a site, with its row version.</summary>
    public async Task<IReadOnlyList<DispatchRecord>> ListAsync(string siteId, CancellationToken cancellationToken = default)
    {
        var table = await _tables.GetAsync(TableNames.Dispatches, cancellationToken).ConfigureAwait(false);
        var records = new List<DispatchRecord>();
        await foreach (var row in table.QueryAsync<TableEntity>(
            TableClient.CreateQueryFilter($"PartitionKey eq {TableKey.Encode(siteId)}"), cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            records.Add(Read(row));
        }

        return records;
    }

    /// <summary>One record with its row version, or null.</summary>
    public async Task<DispatchRecord?> GetAsync(string siteId, string chargerId, string purpose, CancellationToken cancellationToken = default)
    {
        var table = await _tables.GetAsync(TableNames.Dispatches, cancellationToken).ConfigureAwait(false);
        var row = await OptimisticUpdate.ReadAsync(table, TableKey.Encode(siteId), Key(chargerId, purpose), cancellationToken).ConfigureAwait(false);
        return row is null ? null : Read(row);
    }

    /// <summary>Sets the profile a charger should have, unless a newer plan already set one.</summary>
    /// <returns>Whether the record now holds <paramref name="record"/>'s plan.</returns>
    public async Task<bool> SetDesiredAsync(string siteId, DispatchRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        var written = await UpdateAsync(siteId, record.ChargerId, record.Purpose, current => Desire(current, record), null, cancellationToken).ConfigureAwait(false);
        return written?.PlanId == record.PlanId;
    }

    /// <summary>
    /// Sets the profiles many chargers of a site should have, in the partition's transactions, each guarded by the
    /// version of its row in <paramref name="current"/>; a transaction that meets a row changed since falls back to
    /// one guarded write per charger. A newer plan's profile is never replaced.
    /// </summary>
    /// <param name="siteId">The site.</param>
    /// <param name="desired">The new profiles, at most one per charger and purpose.</param>
    /// <param name="current">The site's records as read (by <see cref="ListAsync"/>), keyed by charger and purpose.</param>
    /// <param name="cancellationToken">Cancels the writes.</param>
    /// <returns>The records that now hold the new profiles.</returns>
    public async Task<IReadOnlyList<DispatchRecord>> SetDesiredAsync(
        string siteId,
        IReadOnlyList<DispatchRecord> desired,
        IReadOnlyDictionary<(string ChargerId, string Purpose), DispatchRecord> current,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(desired);
        ArgumentNullException.ThrowIfNull(current);
        var partition = TableKey.Encode(siteId);
        var planned = desired
            .Select(d => (Desired: d, Current: current.GetValueOrDefault((d.ChargerId, d.Purpose))))
            .Select(x => (x.Desired, x.Current, Next: Desire(x.Current, x.Desired)))
            .Where(x => x.Next is not null)
            .ToList();
        if (planned.Count == 0)
        {
            return [];
        }

        var table = await _tables.GetAsync(TableNames.Dispatches, cancellationToken).ConfigureAwait(false);
        var byKey = planned.ToDictionary(x => Key(x.Desired.ChargerId, x.Desired.Purpose), StringComparer.Ordinal);
        var actions = planned.Select(x => x.Current is null
            ? new TableTransactionAction(TableTransactionActionType.Add, Write(partition, x.Next!))
            : new TableTransactionAction(TableTransactionActionType.UpdateReplace, Write(partition, x.Next!), x.Current.ETag)).ToList();
        var written = new List<DispatchRecord>();
        foreach (var batch in TableBatch.Split(actions, a => ((TableEntity)a.Entity).GetBinary("Payload").Length + 1024))
        {
            try
            {
                await table.SubmitTransactionAsync(batch, cancellationToken).ConfigureAwait(false);
                written.AddRange(batch.Select(a => byKey[a.Entity.RowKey].Next!));
            }
            catch (RequestFailedException e) when (e.Status is 404 or 409 or 412)
            {
                // A dispatch answered, or another plan wrote, since the rows were read: one guarded write each.
                foreach (var action in batch)
                {
                    var one = byKey[action.Entity.RowKey].Desired;
                    if (await UpdateAsync(siteId, one.ChargerId, one.Purpose, c => Desire(c, one), null, cancellationToken).ConfigureAwait(false) is { } record && record.PlanId == one.PlanId)
                    {
                        written.Add(record);
                    }
                }
            }
        }

        return written;
    }

    /// <summary>
    /// Applies <paramref name="change"/> to a charger's record until it is written (ETag-guarded, read again after a
    /// conflict); <paramref name="change"/> returns null to leave the record as it is.
    /// </summary>
    /// <param name="siteId">The site.</param>
    /// <param name="chargerId">The charger.</param>
    /// <param name="purpose">TxProfile or TxDefaultProfile.</param>
    /// <param name="change">Given the current record (null when there is none), the record to write, or null.</param>
    /// <param name="read">The record as the caller read it, to save a read; null to read it first.</param>
    /// <param name="cancellationToken">Cancels the update.</param>
    /// <returns>The record as written (with its new version), or as it was when the change left it alone; null if absent.</returns>
    public async Task<DispatchRecord?> UpdateAsync(
        string siteId, string chargerId, string purpose, Func<DispatchRecord?, DispatchRecord?> change, DispatchRecord? read = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(change);
        var table = await _tables.GetAsync(TableNames.Dispatches, cancellationToken).ConfigureAwait(false);
        var partition = TableKey.Encode(siteId);
        Func<TableEntity?, TableEntity?> apply = row => change(row is null ? null : Read(row)) is { } next ? Write(partition, next) : null;
        var written = read is not null
            ? await OptimisticUpdate.ApplyAsync(table, Versioned(partition, read), apply, cancellationToken).ConfigureAwait(false)
            : await OptimisticUpdate.ApplyAsync(table, partition, Key(chargerId, purpose), apply, cancellationToken).ConfigureAwait(false);
        return written is null ? null : Read(written);
    }

    // A newer plan's profile stays; otherwise the new one replaces it, keeping the charger's lease and what it last accepted.
    private static DispatchRecord? Desire(DispatchRecord? current, DispatchRecord desired) => current switch
    {
        null => desired,
        _ when current.Order > desired.Order => null,
        _ => desired with
        {
            LeaseOwner = current.LeaseOwner,
            LeaseUntil = current.LeaseUntil,
            AppliedPlanId = current.AppliedPlanId,
            AppliedPlannedAt = current.AppliedPlannedAt,
            ETag = current.ETag,
        },
    };

    private static string Key(string chargerId, string purpose) => TableKey.Compose(chargerId, purpose);

    private static TableEntity Write(string partition, DispatchRecord record) => new(partition, Key(record.ChargerId, record.Purpose))
    {
        ["ChargerId"] = record.ChargerId,
        ["Purpose"] = record.Purpose,
        ["PlanId"] = record.PlanId,
        ["PlannedAt"] = record.PlannedAt.ToDateTimeOffset(),
        ["InputVersion"] = record.InputVersion,
        ["SessionId"] = record.SessionId,
        ["OcppVersion"] = record.OcppVersion,
        ["Payload"] = Encoding.UTF8.GetBytes(record.PayloadJson),
        ["State"] = record.State.ToString(),
        ["Reason"] = record.Reason,
        ["Attempts"] = record.Attempts,
        ["Unanswered"] = record.Unanswered,
        ["AnsweredAt"] = record.AnsweredAt?.ToDateTimeOffset(),
        ["LeaseOwner"] = record.LeaseOwner,
        ["LeaseUntil"] = record.LeaseUntil?.ToDateTimeOffset(),
        ["AppliedPlanId"] = record.AppliedPlanId,
        ["AppliedPlannedAt"] = record.AppliedPlannedAt?.ToDateTimeOffset(),
    };

    private static TableEntity Versioned(string partition, DispatchRecord record)
    {
        var entity = Write(partition, record);
        entity.ETag = record.ETag;
        return entity;
    }

    private static DispatchRecord Read(TableEntity row) => new()
    {
        ChargerId = row.GetString("ChargerId"),
        Purpose = row.GetString("Purpose"),
        PlanId = row.GetString("PlanId"),
        PlannedAt = Instant.FromDateTimeOffset(row.GetDateTimeOffset("PlannedAt")!.Value),
        InputVersion = row.GetInt64("InputVersion") ?? 0,
        SessionId = row.GetString("SessionId"),
        OcppVersion = row.GetString("OcppVersion"),
        PayloadJson = Encoding.UTF8.GetString(row.GetBinary("Payload")),
        State = Enum.Parse<DispatchState>(row.GetString("State")),
        Reason = row.GetString("Reason"),
        Attempts = row.GetInt32("Attempts") ?? 0,
        Unanswered = row.GetInt32("Unanswered") ?? 0,
        AnsweredAt = InstantOf(row, "AnsweredAt"),
        LeaseOwner = row.GetString("LeaseOwner"),
        LeaseUntil = InstantOf(row, "LeaseUntil"),
        AppliedPlanId = row.GetString("AppliedPlanId"),
        AppliedPlannedAt = InstantOf(row, "AppliedPlannedAt"),
        ETag = row.ETag,
    };

    private static Instant? InstantOf(TableEntity row, string name) => row.GetDateTimeOffset(name) is { } at ? Instant.FromDateTimeOffset(at) : null;
}
