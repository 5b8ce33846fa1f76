using Azure.Data.Tables;
using NodaTime;
using Scheduler.Functions.Sessions;
using Scheduler.Functions.Storage;
using Scheduler.Protocols.Messages;

namespace Scheduler.Functions.Departures;

/// <summary>
/// The departures table: one partition per site, one row per session or vehicle a driver set a departure for.
/// Updates cross in flight, so the newest setting (by the app's timestamp) wins, whatever order they arrive in.
/// </summary>
public sealed class DepartureStore
{
    private const string SessionKind = "session";
    private const string VehicleKind = "vehicle";

    /// <summary>How long before a plug-in a departure set for the vehicle still applies to that session.</summary>
    public static readonly Duration VehicleSettingLifetime = Duration.FromHours(24);

    private readonly StorageTables _tables;

    /// <summary>Creates the store.</summary>
    public DepartureStore(StorageTables tables) => _tables = tables;

    /// <summary>
    /// Stores a driver's setting unless a newer one is already there. Settings are ordered by the app's <c>sentAt</c>,
    /// taken as no later than the instant the setting was received.
    /// </summary>
    /// <returns>Whether the setting is now the current one.</returns>
    public async Task<bool> SetAsync(DepartureMessage message, Instant receivedAt, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        var table = await _tables.GetAsync(TableNames.Departures, cancellationToken).ConfigureAwait(false);
        var rowKey = message.SessionId is { } sessionId ? SessionKey(sessionId) : VehicleKey(message.VehicleId!);
        // An app's clock may run ahead: a setting "sent" tomorrow would outrank every correction until then.
        var sentAt = (message.SentAt is { } claimed && claimed < receivedAt ? claimed : receivedAt).ToDateTimeOffset();
        var written = await OptimisticUpdate.ApplyAsync(
            table,
            TableKey.Encode(message.SiteId),
            rowKey,
            current =>
            {
                if (current is not null && current.GetDateTimeOffset("SentAt") is { } stored
                    && (stored > sentAt || (stored == sentAt && string.CompareOrdinal(current.GetString("MessageId"), message.Id) >= 0)))
                {
                    // A newer setting is there (or this very one): keep it. Equal timestamps are ordered by message id, so every instance agrees.
                    return null;
                }

                return new TableEntity
                {
                    ["Departure"] = message.Departure.ToDateTimeOffset(),
                    ["EnergyKwh"] = message.EnergyKwh,
                    ["SentAt"] = sentAt,
                    ["ReceivedAt"] = receivedAt.ToDateTimeOffset(),
                    ["MessageId"] = message.Id,
                };
            },
            cancellationToken).ConfigureAwait(false);
        return written is not null && written.GetString("MessageId") == message.Id;
    }

    /// <summary>The driver's setting that applies to a session: the session's own, else its vehicle's if set for this stay; null when none.</summary>
    public async Task<DepartureRecord?> FindAsync(string siteId, SessionRecord session, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(session);
        var table = await _tables.GetAsync(TableNames.Departures, cancellationToken).ConfigureAwait(false);
        var partition = TableKey.Encode(siteId);
        var own = await OptimisticUpdate.ReadAsync(table, partition, SessionKey(session.Id), cancellationToken).ConfigureAwait(false);
        var vehicle = own is null && session.VehicleId is { } vehicleId
            ? await OptimisticUpdate.ReadAsync(table, partition, VehicleKey(vehicleId), cancellationToken).ConfigureAwait(false)
            : null;
        return Select(own, vehicle, session);
    }

    /// <summary>What was set for a vehicle (not for one of its sessions), whatever stay it is for; null when nothing.</summary>
    public async Task<DepartureRecord?> FindVehicleAsync(string siteId, string vehicleId, CancellationToken cancellationToken = default)
    {
        var table = await _tables.GetAsync(TableNames.Departures, cancellationToken).ConfigureAwait(false);
        var row = await OptimisticUpdate.ReadAsync(table, TableKey.Encode(siteId), VehicleKey(vehicleId), cancellationToken).ConfigureAwait(false);
        return row is null ? null : Read(row);
    }

    /// <summary>Deletes what was set for a vehicle; returns whether there was a setting.</summary>
    public async Task<bool> DeleteVehicleAsync(string siteId, string vehicleId, CancellationToken cancellationToken = default)
    {
        var table = await _tables.GetAsync(TableNames.Departures, cancellationToken).ConfigureAwait(false);
        var response = await table.DeleteEntityAsync(TableKey.Encode(siteId), VehicleKey(vehicleId), Azure.ETag.All, cancellationToken).ConfigureAwait(false);
        return response.Status != 404;
    }

    /// <summary>Every setting of a site, read with one query, to find those of many sessions at once (see <see cref="SiteDepartures.Find"/>).</summary>
    public async Task<SiteDepartures> ListAsync(string siteId, CancellationToken cancellationToken = default)
    {
        var table = await _tables.GetAsync(TableNames.Departures, cancellationToken).ConfigureAwait(false);
        var rows = new Dictionary<string, TableEntity>(StringComparer.Ordinal);
        await foreach (var row in table.QueryAsync<TableEntity>(
            TableClient.CreateQueryFilter($"PartitionKey eq {TableKey.Encode(siteId)}"), cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            rows[row.RowKey] = row;
        }

        return new SiteDepartures(rows);
    }

    /// <summary>
    /// Deletes the settings whose departure is more than <see cref="VehicleSettingLifetime"/> past and that no running
    /// session uses, so that a site's partition, read whole by every plan, does not grow without bound.
    /// </summary>
    /// <returns>How many were deleted.</returns>
    public async Task<int> DeleteExpiredAsync(string siteId, SiteDepartures departures, IReadOnlyCollection<SessionRecord> running, Instant now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(departures);
        ArgumentNullException.ThrowIfNull(running);
        var inUse = running.SelectMany(s => new[] { SessionKey(s.Id) }.Concat(s.VehicleId is { } v ? [VehicleKey(v)] : [])).ToHashSet(StringComparer.Ordinal);
        var expired = departures.Rows.Values
            .Where(r => !inUse.Contains(r.RowKey) && Read(r).Departure < now - VehicleSettingLifetime)
            .Select(r => new TableTransactionAction(TableTransactionActionType.Delete, r, r.ETag))
            .ToList();
        if (expired.Count == 0)
        {
            return 0;
        }

        var table = await _tables.GetAsync(TableNames.Departures, cancellationToken).ConfigureAwait(false);
        foreach (var batch in TableBatch.Split(expired))
        {
            try
            {
                await table.SubmitTransactionAsync(batch, cancellationToken).ConfigureAwait(false);
            }
            catch (Azure.RequestFailedException e) when (e.Status is 404 or 412)
            {
                // A driver set one again, or another plan deleted them first: the rest waits for the next plan.
            }
        }

        return expired.Count;
    }

    // The session's own setting wins; a vehicle's setting belongs to this stay only if it was made for it: not long
    // before the plug-in, and leaving after it.
    private static DepartureRecord? Select(TableEntity? own, TableEntity? vehicle, SessionRecord session)
    {
        if (own is not null)
        {
            return Read(own);
        }

        if (vehicle is null)
        {
            return null;
        }

        var record = Read(vehicle);
        return record.ReceivedAt >= session.Arrival - VehicleSettingLifetime && record.Departure > session.Arrival ? record : null;
    }

    private static string SessionKey(string sessionId) => TableKey.Compose(SessionKind, sessionId);

    private static string VehicleKey(string vehicleId) => TableKey.Compose(VehicleKind, vehicleId);

    /// <summary>A site's settings as read at once.</summary>
    public sealed class SiteDepartures
    {
        internal SiteDepartures(IReadOnlyDictionary<string, TableEntity> rows) => Rows = rows;

        internal IReadOnlyDictionary<string, TableEntity> Rows { get; }

        /// <summary>The setting that applies to <paramref name="session"/>, as <see cref="FindAsync"/> finds it; null when none.</summary>
        public DepartureRecord? Find(SessionRecord session)
        {
            ArgumentNullException.ThrowIfNull(session);
            var own = Rows.GetValueOrDefault(SessionKey(session.Id));
            var vehicle = session.VehicleId is { } vehicleId ? Rows.GetValueOrDefault(VehicleKey(vehicleId)) : null;
            return Select(own, vehicle, session);
        }
    }

    private static DepartureRecord Read(TableEntity row) => new(
        Instant.FromDateTimeOffset(row.GetDateTimeOffset("Departure")!.Value),
        row.GetDouble("EnergyKwh") ?? 0,
        Instant.FromDateTimeOffset(row.GetDateTimeOffset("SentAt")!.Value),
        Instant.FromDateTimeOffset(row.GetDateTimeOffset("ReceivedAt")!.Value),
        row.GetString("MessageId"));
}
