using System.Globalization;
using Azure.Data.Tables;
using NodaTime;
using NodaTime.Text;
using Scheduler.Functions.Storage;

namespace Scheduler.Functions.Billing;

/// <summary>
/// The site-import table: one partition per site, one row per metered slot (its start, sortable) with the charging
/// energy the chargers' meters showed in it. With the base-load forecast it gives the site's import per slot, the
/// demand the utility bills.
/// </summary>
public sealed class SiteImportStore
{
    private static readonly InstantPattern RowPattern = InstantPattern.CreateWithInvariantCulture("uuuuMMdd'T'HHmm'Z'");

    private readonly StorageTables _tables;

    /// <summary>Creates the store.</summary>
    public SiteImportStore(StorageTables tables) => _tables = tables;

    /// <summary>Adds charging energy to a slot.</summary>
    public async Task AddAsync(string siteId, Instant slotStart, double kwh, CancellationToken cancellationToken = default)
    {
        var table = await _tables.GetAsync(TableNames.SiteImport, cancellationToken).ConfigureAwait(false);
        await OptimisticUpdate.ApplyAsync(
            table,
            TableKey.Encode(siteId),
            RowPattern.Format(slotStart),
            current => new TableEntity(TableKey.Encode(siteId), RowPattern.Format(slotStart))
            {
                ["SlotStart"] = slotStart.ToDateTimeOffset(),
                ["ChargingKwh"] = (current?.GetDouble("ChargingKwh") ?? 0) + kwh,
            },
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The charging energy of each metered slot from <paramref name="from"/> (inclusive) to <paramref name="to"/> (exclusive), in time order.</summary>
    public async Task<IReadOnlyList<(Instant SlotStart, double Kwh)>> ListAsync(string siteId, Instant from, Instant to, CancellationToken cancellationToken = default)
    {
        var table = await _tables.GetAsync(TableNames.SiteImport, cancellationToken).ConfigureAwait(false);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {TableKey.Encode(siteId)} and RowKey ge {RowPattern.Format(from)} and RowKey lt {RowPattern.Format(to)}");
        var slots = new List<(Instant, double)>();
        await foreach (var row in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            slots.Add((Instant.FromDateTimeOffset(row.GetDateTimeOffset("SlotStart")!.Value), row.GetDouble("ChargingKwh") ?? 0));
        }

        return [.. slots.OrderBy(s => s.Item1)];
    }

    /// <summary>The row key of a slot, for tests and tools.</summary>
    public static string RowKey(Instant slotStart) => RowPattern.Format(slotStart).ToString(CultureInfo.InvariantCulture);
}
