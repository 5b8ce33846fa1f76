using Azure.Data.Tables;
using NodaTime;
using Scheduler.Functions.Storage;

namespace Scheduler.Functions.Departures;

/// <summary>The boosts table: one partition per site, one row per vehicle with its latest boost.</summary>
public sealed class BoostStore
{
    private readonly StorageTables _tables;

    /// <summary>Creates the store.</summary>
    public BoostStore(StorageTables tables) => _tables = tables;

    /// <summary>Stores a vehicle's boost, replacing an earlier one.</summary>
    public async Task SetAsync(string siteId, string vehicleId, Boost boost, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(boost);
        var table = await _tables.GetAsync(TableNames.Boosts, cancellationToken).ConfigureAwait(false);
        var row = new TableEntity(TableKey.Encode(siteId), TableKey.Encode(vehicleId))
        {
            ["SessionId"] = boost.SessionId,
            ["RequestedAt"] = boost.RequestedAt.ToDateTimeOffset(),
            ["Until"] = boost.Until.ToDateTimeOffset(),
            ["TargetKwh"] = boost.TargetKwh,
        };
        await table.UpsertEntityAsync(row, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Every boost of a site, by vehicle, ended ones included, read with one query.</summary>
    public async Task<IReadOnlyDictionary<string, Boost>> ListAsync(string siteId, CancellationToken cancellationToken = default)
    {
        var table = await _tables.GetAsync(TableNames.Boosts, cancellationToken).ConfigureAwait(false);
        var boosts = new Dictionary<string, Boost>(StringComparer.Ordinal);
        await foreach (var row in table.QueryAsync<TableEntity>(
            TableClient.CreateQueryFilter($"PartitionKey eq {TableKey.Encode(siteId)}"), cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            boosts[TableKey.Decode(row.RowKey)] = new Boost(
                row.GetString("SessionId"),
                Instant.FromDateTimeOffset(row.GetDateTimeOffset("RequestedAt")!.Value),
                Instant.FromDateTimeOffset(row.GetDateTimeOffset("Until")!.Value),
                row.GetDouble("TargetKwh") ?? 0);
        }

        return boosts;
    }
}
