using System.Text;
using Azure.Data.Tables;
using NodaTime;
using Scheduler.Functions.Storage;

namespace Scheduler.Functions.Dispatch;

/// <summary>
/// The dispatches table: one partition per site, one row per charger and purpose, holding the profile that should
/// be on the charger and the CSMS's last answer. A profile from an older plan never replaces one from a newer plan.
/// </summary>
public sealed class DispatchStore
{
    private readonly StorageTables _tables;

    /// <summary>Creates the store.</summary>
    public DispatchStore(StorageTables tables) => _tables = tables;

    /// <summary>Every record of a site.</summary>
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

    /// <summary>One record, or null.</summary>
    public async Task<DispatchRecord?> GetAsync(string siteId, string chargerId, string purpose, CancellationToken cancellationToken = default)
    {
        var table = await _tables.GetAsync(TableNames.Dispatches, cancellationToken).ConfigureAwait(false);
        var row = await OptimisticUpdate.ReadAsync(table, TableKey.Encode(siteId), TableKey.Compose(chargerId, purpose), cancellationToken).ConfigureAwait(false);
        return row is null ? null : Read(row);
    }

    /// <summary>Sets the profile a charger should have, unless a newer plan already set one.</summary>
    /// <returns>Whether the record now holds <paramref name="record"/>.</returns>
    public async Task<bool> SetDesiredAsync(string siteId, DispatchRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        var table = await _tables.GetAsync(TableNames.Dispatches, cancellationToken).ConfigureAwait(false);
        var written = await OptimisticUpdate.ApplyAsync(
            table,
            TableKey.Encode(siteId),
            TableKey.Compose(record.ChargerId, record.Purpose),
            current => current?.GetDateTimeOffset("PlannedAt") is { } newest && newest > record.PlannedAt.ToDateTimeOffset() ? null : Write(record),
            cancellationToken).ConfigureAwait(false);
        return written?.GetString("PlanId") == record.PlanId;
    }

    /// <summary>Records the CSMS's answer to the profile of plan <paramref name="planId"/>; ignored when a newer plan's profile is already there.</summary>
    /// <returns>Whether it was recorded.</returns>
    public async Task<bool> RecordAnswerAsync(
        string siteId, string chargerId, string purpose, string planId, DispatchState state, string? reason, int attempts, Instant at, CancellationToken cancellationToken = default)
    {
        var table = await _tables.GetAsync(TableNames.Dispatches, cancellationToken).ConfigureAwait(false);
        var written = await OptimisticUpdate.ApplyAsync(
            table,
            TableKey.Encode(siteId),
            TableKey.Compose(chargerId, purpose),
            current =>
            {
                if (current is null || current.GetString("PlanId") != planId)
                {
                    return null;
                }

                current["State"] = state.ToString();
                current["Reason"] = reason;
                current["Attempts"] = attempts;
                current["AnsweredAt"] = at.ToDateTimeOffset();
                return current;
            },
            cancellationToken).ConfigureAwait(false);
        return written?.GetString("PlanId") == planId && written.GetString("State") == state.ToString();
    }

    private static TableEntity Write(DispatchRecord record) => new()
    {
        ["ChargerId"] = record.ChargerId,
        ["Purpose"] = record.Purpose,
        ["PlanId"] = record.PlanId,
        ["PlannedAt"] = record.PlannedAt.ToDateTimeOffset(),
        ["SessionId"] = record.SessionId,
        ["OcppVersion"] = record.OcppVersion,
        ["Payload"] = Encoding.UTF8.GetBytes(record.PayloadJson),
        ["State"] = record.State.ToString(),
        ["Reason"] = record.Reason,
        ["Attempts"] = record.Attempts,
        ["AnsweredAt"] = record.AnsweredAt?.ToDateTimeOffset(),
    };

    private static DispatchRecord Read(TableEntity row) => new()
    {
        ChargerId = row.GetString("ChargerId"),
        Purpose = row.GetString("Purpose"),
        PlanId = row.GetString("PlanId"),
        PlannedAt = Instant.FromDateTimeOffset(row.GetDateTimeOffset("PlannedAt")!.Value),
        SessionId = row.GetString("SessionId"),
        OcppVersion = row.GetString("OcppVersion"),
        PayloadJson = Encoding.UTF8.GetString(row.GetBinary("Payload")),
        State = Enum.Parse<DispatchState>(row.GetString("State")),
        Reason = row.GetString("Reason"),
        Attempts = row.GetInt32("Attempts") ?? 0,
        AnsweredAt = row.GetDateTimeOffset("AnsweredAt") is { } at ? Instant.FromDateTimeOffset(at) : null,
    };
}
