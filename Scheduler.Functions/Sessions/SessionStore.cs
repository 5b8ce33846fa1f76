using Azure.Data.Tables;
using NodaTime;
using Scheduler.Functions.Storage;
using Scheduler.Protocols.Messages;

namespace Scheduler.Functions.Sessions;

/// <summary>
/// The sessions table: one partition per site, one row per session. Every change is an ETag-guarded
/// read-modify-write, and applying an event a second time changes nothing.
/// </summary>
public sealed class SessionStore
{
    private readonly StorageTables _tables;

    /// <summary>Creates the store.</summary>
    public SessionStore(StorageTables tables) => _tables = tables;

    /// <summary>Folds one CSMS event into its session.</summary>
    /// <returns>The session after the event.</returns>
    public async Task<SessionRecord> ApplyAsync(SessionEventMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        var table = await _tables.GetAsync(TableNames.Sessions, cancellationToken).ConfigureAwait(false);
        var id = SessionRecord.IdFor(message.ChargerId, message.TransactionId);
        var written = await OptimisticUpdate.ApplyAsync(
            table,
            TableKey.Encode(message.SiteId),
            TableKey.Encode(id),
            current => Fold(current, message, id),
            cancellationToken).ConfigureAwait(false);
        return Read(written!);
    }

    /// <summary>Brings a session's energy estimate up to <paramref name="at"/>; an estimate already as new is kept.</summary>
    public async Task UpdateEstimateAsync(string siteId, string sessionId, double estimatedKwh, Instant at, CancellationToken cancellationToken = default)
    {
        var table = await _tables.GetAsync(TableNames.Sessions, cancellationToken).ConfigureAwait(false);
        await OptimisticUpdate.ApplyAsync(
            table,
            TableKey.Encode(siteId),
            TableKey.Encode(sessionId),
            current =>
            {
                if (current is null || !Advances(current.GetDateTimeOffset("EstimatedAt") is { } previous ? Instant.FromDateTimeOffset(previous) : null, at))
                {
                    return null;
                }

                current["EstimatedKwh"] = estimatedKwh;
                current["EstimatedAt"] = at.ToDateTimeOffset();
                return current;
            },
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Brings the estimates of many sessions of a site up to <paramref name="at"/> in the partition's transactions,
    /// each guarded by the ETag the session was read with; a transaction that meets a session changed since (a meter
    /// value) falls back to one guarded update per session.
    /// </summary>
    /// <param name="siteId">The site.</param>
    /// <param name="estimates">Each session as read by <see cref="ListActiveAsync"/>, with its new estimate in kWh.</param>
    /// <param name="at">The instant of the estimates.</param>
    /// <param name="cancellationToken">Cancels the writes.</param>
    public async Task UpdateEstimatesAsync(string siteId, IReadOnlyList<(SessionRecord Session, double EstimatedKwh)> estimates, Instant at, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(estimates);
        var partition = TableKey.Encode(siteId);
        var changes = estimates.Where(e => Advances(e.Session.EstimatedAt, at)).ToList();
        if (changes.Count == 0)
        {
            return;
        }

        var table = await _tables.GetAsync(TableNames.Sessions, cancellationToken).ConfigureAwait(false);
        var actions = changes.Select(e => new TableTransactionAction(
            TableTransactionActionType.UpdateMerge,
            new TableEntity(partition, TableKey.Encode(e.Session.Id)) { ["EstimatedKwh"] = e.EstimatedKwh, ["EstimatedAt"] = at.ToDateTimeOffset() },
            e.Session.ETag)).ToList();
        foreach (var batch in TableBatch.Split(actions))
        {
            try
            {
                await table.SubmitTransactionAsync(batch, cancellationToken).ConfigureAwait(false);
            }
            catch (Azure.RequestFailedException e) when (e.Status is 404 or 409 or 412)
            {
                foreach (var action in batch)
                {
                    var entity = (TableEntity)action.Entity;
                    await UpdateEstimateAsync(siteId, TableKey.Decode(entity.RowKey), entity.GetDouble("EstimatedKwh")!.Value, at, cancellationToken).ConfigureAwait(false);
                }
            }
        }
    }

    /// <summary>
    /// Folds what a vehicle reported through its maker's API into its session, as a meter value: its energy added,
    /// counted from the session's first reading (0 where the CSMS sent none), its power and its state of charge. A
    /// reading older than the session's newest is ignored, and an ended session is left as it is.
    /// </summary>
    /// <returns>The session after the reading, or null where there is none.</returns>
    public async Task<SessionRecord?> ApplyVehicleReadingAsync(string siteId, string sessionId, double energyAddedKwh, double powerW, double stateOfChargePercent, Instant at, CancellationToken cancellationToken = default)
    {
        var table = await _tables.GetAsync(TableNames.Sessions, cancellationToken).ConfigureAwait(false);
        var written = await OptimisticUpdate.ApplyAsync(
            table,
            TableKey.Encode(siteId),
            TableKey.Encode(sessionId),
            current =>
            {
                if (current is null || current.GetDateTimeOffset("StoppedAt") is not null || (current.GetDateTimeOffset("MeterLastAt") is { } last && at.ToDateTimeOffset() <= last))
                {
                    return null;
                }

                var startWh = current.GetDouble("MeterStartWh") ?? 0;
                current["MeterStartWh"] = startWh;
                current["MeterLastWh"] = startWh + (energyAddedKwh * 1000);
                current["MeterLastAt"] = at.ToDateTimeOffset();
                current["MeterLastPowerW"] = powerW;
                current["VehicleSocPercent"] = stateOfChargePercent;
                return current;
            },
            cancellationToken).ConfigureAwait(false);
        return written is null ? null : Read(written);
    }

    /// <summary>One session, or null.</summary>
    public async Task<SessionRecord?> GetAsync(string siteId, string sessionId, CancellationToken cancellationToken = default)
    {
        var table = await _tables.GetAsync(TableNames.Sessions, cancellationToken).ConfigureAwait(false);
        var row = await OptimisticUpdate.ReadAsync(table, TableKey.Encode(siteId), TableKey.Encode(sessionId), cancellationToken).ConfigureAwait(false);
        return row is null ? null : Read(row);
    }

    /// <summary>The sessions of a site that still run.</summary>
    public async Task<IReadOnlyList<SessionRecord>> ListActiveAsync(string siteId, CancellationToken cancellationToken = default)
    {
        var table = await _tables.GetAsync(TableNames.Sessions, cancellationToken).ConfigureAwait(false);
        var sessions = new List<SessionRecord>();
        await foreach (var row in table.QueryAsync<TableEntity>(
            TableClient.CreateQueryFilter($"PartitionKey eq {TableKey.Encode(siteId)} and Active eq {true}"),
            cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            sessions.Add(Read(row));
        }

        return sessions;
    }

    private static TableEntity? Fold(TableEntity? current, SessionEventMessage message, string id)
    {
        var at = message.Timestamp.ToDateTimeOffset();
        var row = current ?? new TableEntity
        {
            ["SessionId"] = id,
            ["ChargerId"] = message.ChargerId,
            ["TransactionId"] = message.TransactionId,
            ["Arrival"] = at,
            ["Active"] = true,
            ["EstimatedKwh"] = 0.0,
        };
        var changed = current is null;
        if (message.VehicleId is { } vehicle && row.GetString("VehicleId") is null)
        {
            row["VehicleId"] = vehicle;
            changed = true;
        }

        switch (message.Kind)
        {
            case SessionEventKind.Started:
                // A start that arrives after other events of its session still moves the arrival back to it.
                if (at < row.GetDateTimeOffset("Arrival")!.Value)
                {
                    row["Arrival"] = at;
                    changed = true;
                }

                if (message.MeterWh is { } startWh && row.GetDouble("MeterStartWh") is null)
                {
                    row["MeterStartWh"] = startWh;
                    changed = true;
                }

                break;
            case SessionEventKind.MeterValues:
            case SessionEventKind.Stopped:
                if (message.MeterWh is { } wh && (row.GetDateTimeOffset("MeterLastAt") is not { } last || at > last))
                {
                    row["MeterLastWh"] = wh;
                    row["MeterLastAt"] = at;
                    row["MeterLastPowerW"] = message.PowerW;
                    changed = true;
                }

                if (message.Kind == SessionEventKind.Stopped && row.GetDateTimeOffset("StoppedAt") is null)
                {
                    row["StoppedAt"] = at;
                    row["Active"] = false;
                    changed = true;
                }

                break;
            case SessionEventKind.ChargingNeeds:
                changed |= FoldNeeds(row, message, at);
                break;
            case SessionEventKind.EvChargingSchedule:
                // Only the vehicle's newest proposal counts: an older one delivered late is about a profile since replaced.
                if (row.GetDateTimeOffset("EvScheduleAt") is not { } scheduleAt || at > scheduleAt)
                {
                    // Binary, as 1024 periods may pass the 32K characters a string property holds.
                    row["EvSchedule"] = System.Text.Encoding.UTF8.GetBytes(EvChargingScheduleWriter.Write(message.EvSchedule!));
                    row["EvScheduleAt"] = at;
                    changed = true;
                }

                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(message), message.Kind, "unknown session event");
        }

        return changed ? row : null;
    }

    // The vehicle's newest needs replace older ones; the energy drawn by then is kept with them, as the vehicle's energy counts from there.
    private static bool FoldNeeds(TableEntity row, SessionEventMessage message, DateTimeOffset at)
    {
        if (row.GetDateTimeOffset("EvNeedsAt") is { } needsAt && at <= needsAt)
        {
            return false;
        }

        var metered = row.GetDouble("MeterStartWh") is { } start && row.GetDouble("MeterLastWh") is { } last && row.GetDateTimeOffset("MeterLastAt") <= at
            ? Math.Max(0, (last - start) / 1000)
            : row.GetDouble("EstimatedKwh") ?? 0;
        row["EvNeeds"] = EvChargingNeedsWriter.Write(message.ChargingNeeds!);
        row["EvNeedsAt"] = at;
        row["EvNeedsDeliveredKwh"] = metered;
        return true;
    }

    // An estimate only moves forward, so that a slower plan never brings back an older one.
    private static bool Advances(Instant? previous, Instant at) => previous is not { } p || p < at;

    private static SessionRecord Read(TableEntity row) => new()
    {
        ETag = row.ETag,
        Id = row.GetString("SessionId"),
        ChargerId = row.GetString("ChargerId"),
        TransactionId = row.GetString("TransactionId"),
        VehicleId = row.GetString("VehicleId"),
        Arrival = Instant.FromDateTimeOffset(row.GetDateTimeOffset("Arrival")!.Value),
        StoppedAt = row.GetDateTimeOffset("StoppedAt") is { } stopped ? Instant.FromDateTimeOffset(stopped) : null,
        MeterStartWh = row.GetDouble("MeterStartWh"),
        MeterLastWh = row.GetDouble("MeterLastWh"),
        MeterLastAt = row.GetDateTimeOffset("MeterLastAt") is { } read ? Instant.FromDateTimeOffset(read) : null,
        MeterLastPowerW = row.GetDouble("MeterLastPowerW"),
        EstimatedKwh = row.GetDouble("EstimatedKwh") ?? 0,
        EstimatedAt = row.GetDateTimeOffset("EstimatedAt") is { } estimated ? Instant.FromDateTimeOffset(estimated) : null,
        VehicleSocPercent = row.GetDouble("VehicleSocPercent"),
        EvNeedsJson = row.GetString("EvNeeds"),
        EvNeedsAt = row.GetDateTimeOffset("EvNeedsAt") is { } needsAt ? Instant.FromDateTimeOffset(needsAt) : null,
        EvNeedsDeliveredKwh = row.GetDouble("EvNeedsDeliveredKwh"),
        EvScheduleJson = row.GetBinary("EvSchedule") is { } schedule ? System.Text.Encoding.UTF8.GetString(schedule) : null,
        EvScheduleAt = row.GetDateTimeOffset("EvScheduleAt") is { } scheduleAt ? Instant.FromDateTimeOffset(scheduleAt) : null,
    };
}
