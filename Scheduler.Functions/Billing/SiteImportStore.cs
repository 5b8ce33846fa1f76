using System.Globalization;
using Azure.Data.Tables;
using NodaTime;
using NodaTime.Text;
using Scheduler.Functions.Storage;

namespace Scheduler.Functions.Billing;

/// <summary>
/// The site-import table: one partition per site, one row per metered slot (its start, sortable) with the charging
/// energy the chargers' meters showed in it, and, once the slot is counted into the billing period's peaks, the
/// site's import it was counted with and where that came from (<see cref="SiteMeter"/> or <see cref="MeterSums"/>).
/// </summary>
public sealed class SiteImportStore
{
    /// <summary>The source of a slot counted from the site's own meter.</summary>
    public const string SiteMeter = "site-meter";

    /// <summary>The source of a slot counted from the chargers' meter sums plus the base-load forecast.</summary>
    public const string MeterSums = "meter-sums";

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
            current =>
            {
                // The slot's other fields (what it was counted with) stay as they are.
                var entity = current ?? new TableEntity(TableKey.Encode(siteId), RowPattern.Format(slotStart));
                entity["SlotStart"] = slotStart.ToDateTimeOffset();
                entity["ChargingKwh"] = (current?.GetDouble("ChargingKwh") ?? 0) + kwh;
                return entity;
            },
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Records the import each slot was counted with, in kW, and its source, in as few transactions as the rules allow.</summary>
    public async Task MarkCountedAsync(string siteId, IReadOnlyList<(Instant SlotStart, double ImportKw, string Source)> slots, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(slots);
        if (slots.Count == 0)
        {
            return;
        }

        var table = await _tables.GetAsync(TableNames.SiteImport, cancellationToken).ConfigureAwait(false);
        var actions = slots.Select(s => new TableTransactionAction(TableTransactionActionType.UpsertMerge, new TableEntity(TableKey.Encode(siteId), RowPattern.Format(s.SlotStart))
        {
            ["SlotStart"] = s.SlotStart.ToDateTimeOffset(),
            ["ImportKw"] = s.ImportKw,
            ["Source"] = s.Source,
        })).ToList();
        await TableBatch.SubmitAsync(table, actions, cancellationToken).ConfigureAwait(false);
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
