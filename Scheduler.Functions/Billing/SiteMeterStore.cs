using Azure.Data.Tables;
using NodaTime;
using NodaTime.Text;
using Scheduler.Functions.Storage;
using Scheduler.Protocols.Messages;

namespace Scheduler.Functions.Billing;

/// <summary>
/// The site-meter table: one partition per site, one row per reading of the site's own import meter, keyed by the
/// instant it was taken (sortable) and its kind: <c>…|r</c> for the import register, <c>…|a|start</c> for an average
/// over an interval. A repeated reading (a redelivery, or the same reading under another message id) writes the same
/// row again, so nothing is counted twice, and readings that arrive out of order sort into place.
/// </summary>
public sealed class SiteMeterStore
{
    private static readonly InstantPattern KeyPattern = InstantPattern.CreateWithInvariantCulture("uuuuMMdd'T'HHmmss'Z'");

    private readonly StorageTables _tables;

    /// <summary>Creates the store.</summary>
    public SiteMeterStore(StorageTables tables) => _tables = tables;

    /// <summary>Stores a reading (each of its register and its average as a row of its own).</summary>
    public async Task SaveAsync(SiteMeterMessage reading, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reading);
        var table = await _tables.GetAsync(TableNames.SiteMeter, cancellationToken).ConfigureAwait(false);
        var partition = TableKey.Encode(reading.SiteId);
        var at = KeyPattern.Format(reading.Timestamp);
        if (reading.ImportRegisterKwh is { } register)
        {
            await table.UpsertEntityAsync(
                new TableEntity(partition, $"{at}|r") { ["At"] = reading.Timestamp.ToDateTimeOffset(), ["RegisterKwh"] = register },
                TableUpdateMode.Replace,
                cancellationToken).ConfigureAwait(false);
        }

        if (reading is { IntervalStart: { } start, AverageImportKw: { } average })
        {
            await table.UpsertEntityAsync(
                new TableEntity(partition, $"{at}|a|{KeyPattern.Format(start)}")
                {
                    ["At"] = reading.Timestamp.ToDateTimeOffset(),
                    ["IntervalStart"] = start.ToDateTimeOffset(),
                    ["AverageKw"] = average,
                },
                TableUpdateMode.Replace,
                cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// The site's metered import from the readings taken from <paramref name="from"/> on: enough to cover every slot
    /// from <paramref name="from"/> plus one slot (a register piece starts at the reading before).
    /// </summary>
    public async Task<SiteMeterImport> ReadAsync(string siteId, Instant from, Duration slot, CancellationToken cancellationToken = default)
    {
        var table = await _tables.GetAsync(TableNames.SiteMeter, cancellationToken).ConfigureAwait(false);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {TableKey.Encode(siteId)} and RowKey ge {KeyPattern.Format(from - slot)}");
        var registers = new List<(Instant, double)>();
        var averages = new List<(Instant, Instant, double)>();
        await foreach (var row in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            var at = Instant.FromDateTimeOffset(row.GetDateTimeOffset("At")!.Value);
            if (row.GetDouble("RegisterKwh") is { } kwh)
            {
                registers.Add((at, kwh));
            }
            else if (row.GetDateTimeOffset("IntervalStart") is { } start && row.GetDouble("AverageKw") is { } kw)
            {
                averages.Add((Instant.FromDateTimeOffset(start), at, kw));
            }
        }

        return SiteMeterImport.From(registers, averages, slot);
    }
}
