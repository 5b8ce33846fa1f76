using Azure.Data.Tables;
using NodaTime;
using Scheduler.Functions.Storage;
using Scheduler.Protocols.Billing;

namespace Scheduler.Functions.Billing;

/// <summary>
/// The billing-peaks table: one partition per site, one row per demand charge (its id names its billing period) with
/// the highest slot import recorded for it, and one row saying up to when the site's slots have been counted.
/// </summary>
public sealed class BillingPeakStore
{
    // The row that says how far the slots are counted; demand charge ids never start with '~'.
    private const string CountedRow = "~counted";

    private readonly StorageTables _tables;

    /// <summary>Creates the store.</summary>
    public BillingPeakStore(StorageTables tables) => _tables = tables;

    /// <summary>The site's recorded peaks, and the end of the last slot counted (null when none is).</summary>
    public async Task<(RecordedPeaks Peaks, Instant? CountedUntil)> ReadAsync(string siteId, CancellationToken cancellationToken = default)
    {
        var table = await _tables.GetAsync(TableNames.BillingPeaks, cancellationToken).ConfigureAwait(false);
        var peaks = new List<KeyValuePair<string, double>>();
        Instant? counted = null;
        await foreach (var row in table.QueryAsync<TableEntity>(
            TableClient.CreateQueryFilter($"PartitionKey eq {TableKey.Encode(siteId)}"), cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (row.RowKey == CountedRow)
            {
                counted = Instant.FromDateTimeOffset(row.GetDateTimeOffset("CountedUntil")!.Value);
            }
            else
            {
                peaks.Add(new(row.GetString("ChargeId"), row.GetDouble("PeakKw") ?? 0));
            }
        }

        return (RecordedPeaks.From(peaks), counted);
    }

    /// <summary>Stores peaks (each only where it is above the stored one) and how far the slots are counted (never moved back).</summary>
    public async Task SaveAsync(string siteId, RecordedPeaks peaks, Instant countedUntil, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(peaks);
        var table = await _tables.GetAsync(TableNames.BillingPeaks, cancellationToken).ConfigureAwait(false);
        var partition = TableKey.Encode(siteId);
        foreach (var (chargeId, kw) in peaks.PeaksKw)
        {
            await OptimisticUpdate.ApplyAsync(
                table,
                partition,
                TableKey.Encode(chargeId),
                current => current?.GetDouble("PeakKw") >= kw ? null : new TableEntity(partition, TableKey.Encode(chargeId)) { ["ChargeId"] = chargeId, ["PeakKw"] = kw },
                cancellationToken).ConfigureAwait(false);
        }

        await OptimisticUpdate.ApplyAsync(
            table,
            partition,
            CountedRow,
            current => current?.GetDateTimeOffset("CountedUntil") is { } stored && Instant.FromDateTimeOffset(stored) >= countedUntil
                ? null
                : new TableEntity(partition, CountedRow) { ["CountedUntil"] = countedUntil.ToDateTimeOffset() },
            cancellationToken).ConfigureAwait(false);
    }
}
