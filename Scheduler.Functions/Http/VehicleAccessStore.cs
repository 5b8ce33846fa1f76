using Azure.Data.Tables;
using NodaTime;
using Scheduler.Functions.Storage;

namespace Scheduler.Functions.Http;

/// <summary>
/// The vehicle access table: which signed-in driver (by Entra object id) may reach which vehicle of a site. One
/// partition per site, one row per vehicle and driver, so that a check is one point read. Operators keep it.
/// </summary>
public sealed class VehicleAccessStore
{
    private readonly StorageTables _tables;

    /// <summary>Creates the store.</summary>
    public VehicleAccessStore(StorageTables tables) => _tables = tables;

    /// <summary>Lets a driver reach a vehicle (again: granting twice is one grant).</summary>
    public async Task GrantAsync(string siteId, string vehicleId, string objectId, string grantedBy, Instant at, CancellationToken cancellationToken = default)
    {
        var table = await _tables.GetAsync(TableNames.VehicleAccess, cancellationToken).ConfigureAwait(false);
        var row = new TableEntity(TableKey.Encode(siteId), RowKey(vehicleId, objectId))
        {
            ["VehicleId"] = vehicleId,
            ["ObjectId"] = objectId,
            ["GrantedBy"] = grantedBy,
            ["GrantedAt"] = at.ToDateTimeOffset(),
        };
        await table.UpsertEntityAsync(row, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Takes a driver's access to a vehicle away; returns whether they had it.</summary>
    public async Task<bool> RevokeAsync(string siteId, string vehicleId, string objectId, CancellationToken cancellationToken = default)
    {
        var table = await _tables.GetAsync(TableNames.VehicleAccess, cancellationToken).ConfigureAwait(false);
        var response = await table.DeleteEntityAsync(TableKey.Encode(siteId), RowKey(vehicleId, objectId), Azure.ETag.All, cancellationToken).ConfigureAwait(false);
        return response.Status != 404;
    }

    /// <summary>Whether a driver may reach a vehicle.</summary>
    public async Task<bool> IsGrantedAsync(string siteId, string vehicleId, string objectId, CancellationToken cancellationToken = default)
    {
        var table = await _tables.GetAsync(TableNames.VehicleAccess, cancellationToken).ConfigureAwait(false);
        return await OptimisticUpdate.ReadAsync(table, TableKey.Encode(siteId), RowKey(vehicleId, objectId), cancellationToken).ConfigureAwait(false) is not null;
    }

    /// <summary>Every grant of a site.</summary>
    public async Task<IReadOnlyList<(string VehicleId, string ObjectId)>> ListAsync(string siteId, CancellationToken cancellationToken = default)
    {
        var table = await _tables.GetAsync(TableNames.VehicleAccess, cancellationToken).ConfigureAwait(false);
        var grants = new List<(string, string)>();
        await foreach (var row in table.QueryAsync<TableEntity>(
            TableClient.CreateQueryFilter($"PartitionKey eq {TableKey.Encode(siteId)}"), cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            grants.Add((row.GetString("VehicleId"), row.GetString("ObjectId")));
        }

        return grants;
    }

    private static string RowKey(string vehicleId, string objectId) => TableKey.Compose(vehicleId, objectId);
}
