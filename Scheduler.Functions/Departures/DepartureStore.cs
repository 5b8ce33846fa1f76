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
        var rowKey = message.SessionId is { } sessionId ? TableKey.Compose(SessionKind, sessionId) : TableKey.Compose(VehicleKind, message.VehicleId!);
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
        var own = await OptimisticUpdate.ReadAsync(table, partition, TableKey.Compose(SessionKind, session.Id), cancellationToken).ConfigureAwait(false);
        if (own is not null)
        {
            return Read(own);
        }

        if (session.VehicleId is null)
        {
            return null;
        }

        var vehicle = await OptimisticUpdate.ReadAsync(table, partition, TableKey.Compose(VehicleKind, session.VehicleId), cancellationToken).ConfigureAwait(false);
        if (vehicle is null)
        {
            return null;
        }

        // A vehicle's setting belongs to this stay only if it was made for it: not long before the plug-in, and leaving after it.
        var record = Read(vehicle);
        return record.ReceivedAt >= session.Arrival - VehicleSettingLifetime && record.Departure > session.Arrival ? record : null;
    }

    private static DepartureRecord Read(TableEntity row) => new(
        Instant.FromDateTimeOffset(row.GetDateTimeOffset("Departure")!.Value),
        row.GetDouble("EnergyKwh") ?? 0,
        Instant.FromDateTimeOffset(row.GetDateTimeOffset("SentAt")!.Value),
        Instant.FromDateTimeOffset(row.GetDateTimeOffset("ReceivedAt")!.Value),
        row.GetString("MessageId"));
}
