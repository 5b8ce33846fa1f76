using Azure.Data.Tables;
using NodaTime;
using NodaTime.Text;
using Scheduler.Functions.Planning;
using Scheduler.Functions.Sessions;
using Scheduler.Functions.Storage;
using Scheduler.Protocols.Planning;

namespace Scheduler.Functions.Habits;

/// <summary>
/// The vehicle-history table: one partition per site, one row per ended session (of a known vehicle or not), with what its
/// driver announced and what really happened. <see cref="LearnAsync"/> turns it into the drivers' habits that
/// <c>PlanSite</c> plans with; only sessions that ended before the planning instant are learned from.
/// </summary>
public sealed class VehicleHistoryStore
{
    /// <summary>How far back sessions are learned from.</summary>
    public static readonly Duration Memory = Duration.FromDays(120);

    private readonly StorageTables _tables;

    /// <summary>Creates the store.</summary>
    public VehicleHistoryStore(StorageTables tables) => _tables = tables;

    /// <summary>Stores an ended session (again: the same row, so a repeat changes nothing).</summary>
    public async Task PutAsync(string siteId, string sessionId, EndedSession ended, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ended);
        var table = await _tables.GetAsync(TableNames.VehicleHistory, cancellationToken).ConfigureAwait(false);
        var entity = new TableEntity(TableKey.Encode(siteId), TableKey.Encode(sessionId))
        {
            ["Arrival"] = ended.Arrival.ToDateTimeOffset(),
            ["Departure"] = ended.Departure.ToDateTimeOffset(),
            ["AnnouncedDeparture"] = ended.AnnouncedDeparture.ToDateTimeOffset(),
            ["EnergyKwh"] = ended.EnergyKwh,
            ["AnnouncedEnergyKwh"] = ended.AnnouncedEnergyKwh,
        };
        if (ended.VehicleId is { } vehicleId)
        {
            entity["VehicleId"] = vehicleId;
        }

        await table.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The habits learned from the site's sessions that ended before <paramref name="now"/> (within <see cref="Memory"/>).</summary>
    public async Task<DriverHabits> LearnAsync(string siteId, Instant now, CancellationToken cancellationToken = default)
    {
        var table = await _tables.GetAsync(TableNames.VehicleHistory, cancellationToken).ConfigureAwait(false);
        var since = (now - Memory).ToDateTimeOffset();
        var ended = new List<EndedSession>();
        await foreach (var row in table.QueryAsync<TableEntity>(
            TableClient.CreateQueryFilter($"PartitionKey eq {TableKey.Encode(siteId)} and Departure ge {since}"), cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            ended.Add(new EndedSession(
                row.GetString("VehicleId"),
                Instant.FromDateTimeOffset(row.GetDateTimeOffset("Arrival")!.Value),
                Instant.FromDateTimeOffset(row.GetDateTimeOffset("Departure")!.Value),
                Instant.FromDateTimeOffset(row.GetDateTimeOffset("AnnouncedDeparture")!.Value),
                row.GetDouble("EnergyKwh") ?? 0,
                row.GetDouble("AnnouncedEnergyKwh")));
        }

        return DriverHabits.Learn(ended, now);
    }

    /// <summary>
    /// Stores the sessions of the latest plan that have stopped since: what their drivers had announced (from that
    /// plan's inputs) beside when they really left and what they took. A session without a vehicle id is stored too,
    /// as the replay learns it: it says nothing of one driver, but it is one of the site's stays, and the site's
    /// distribution is what a new (or anonymous) driver is planned with.
    /// </summary>
    /// <param name="siteId">The site.</param>
    /// <param name="previous">The inputs of the site's latest plan.</param>
    /// <param name="stopped">Its sessions that have stopped since, as this plan read them (<see cref="SiteSessions.Stopped"/>).</param>
    /// <param name="cancellationToken">Cancels the writes.</param>
    public async Task RecordEndedAsync(string siteId, PlanInputs? previous, IReadOnlyList<SessionRecord> stopped, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stopped);
        var inputs = previous?.Sessions.ToDictionary(s => s.SessionId, StringComparer.Ordinal) ?? [];
        foreach (var record in stopped)
        {
            if (record.StoppedAt is not { } stoppedAt || !inputs.TryGetValue(record.Id, out var input) || input.AnnouncedDeparture is not { } announced)
            {
                continue;
            }

            var energy = record.MeteredKwh ?? Math.Max(record.EstimatedKwh, input.DeliveredKwh);
            var announcedAt = InstantPattern.ExtendedIso.Parse(announced).GetValueOrThrow();
            await PutAsync(siteId, record.Id, new EndedSession(record.VehicleId, record.Arrival, stoppedAt, announcedAt, energy, input.AnnouncedEnergyKwh), cancellationToken).ConfigureAwait(false);
        }
    }
}
