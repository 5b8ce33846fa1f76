using System.Text.Json;
using Azure.Data.Tables;
using Scheduler.Functions.Storage;

namespace Scheduler.Functions.Departures;

/// <summary>The recurring departures table: one partition per site, one row per vehicle holding its week.</summary>
public sealed class RecurringDepartureStore
{
    private readonly StorageTables _tables;

    /// <summary>Creates the store.</summary>
    public RecurringDepartureStore(StorageTables tables) => _tables = tables;

    /// <summary>Replaces a vehicle's week.</summary>
    public async Task SetAsync(string siteId, string vehicleId, WeeklyDepartures week, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(week);
        var table = await _tables.GetAsync(TableNames.RecurringDepartures, cancellationToken).ConfigureAwait(false);
        var row = new TableEntity(TableKey.Encode(siteId), TableKey.Encode(vehicleId)) { ["Week"] = WeeklyDeparturesJson.Write(week) };
        await table.UpsertEntityAsync(row, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A vehicle's week, or null when it has none.</summary>
    public async Task<WeeklyDepartures?> GetAsync(string siteId, string vehicleId, CancellationToken cancellationToken = default)
    {
        var table = await _tables.GetAsync(TableNames.RecurringDepartures, cancellationToken).ConfigureAwait(false);
        var row = await OptimisticUpdate.ReadAsync(table, TableKey.Encode(siteId), TableKey.Encode(vehicleId), cancellationToken).ConfigureAwait(false);
        return row is null ? null : Read(row);
    }

    /// <summary>Deletes a vehicle's week; returns whether it had one.</summary>
    public async Task<bool> DeleteAsync(string siteId, string vehicleId, CancellationToken cancellationToken = default)
    {
        var table = await _tables.GetAsync(TableNames.RecurringDepartures, cancellationToken).ConfigureAwait(false);
        var response = await table.DeleteEntityAsync(TableKey.Encode(siteId), TableKey.Encode(vehicleId), Azure.ETag.All, cancellationToken).ConfigureAwait(false);
        return response.Status != 404;
    }

    /// <summary>Every week of a site, by vehicle, read with one query.</summary>
    public async Task<IReadOnlyDictionary<string, WeeklyDepartures>> ListAsync(string siteId, CancellationToken cancellationToken = default)
    {
        var table = await _tables.GetAsync(TableNames.RecurringDepartures, cancellationToken).ConfigureAwait(false);
        var weeks = new Dictionary<string, WeeklyDepartures>(StringComparer.Ordinal);
        await foreach (var row in table.QueryAsync<TableEntity>(
            TableClient.CreateQueryFilter($"PartitionKey eq {TableKey.Encode(siteId)}"), cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (Read(row) is { } week)
            {
                weeks[TableKey.Decode(row.RowKey)] = week;
            }
        }

        return weeks;
    }

    // A row written by this code always reads back; one that does not (edited by hand) counts as no week.
    private static WeeklyDepartures? Read(TableEntity row)
    {
        try
        {
            return WeeklyDeparturesJson.Read(row.GetString("Week") ?? string.Empty).Week;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
