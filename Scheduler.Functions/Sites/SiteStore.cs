using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using NodaTime;
using Scheduler.Functions.Storage;

namespace Scheduler.Functions.Sites;

/// <summary>
/// The sites table: one partition per site holding the site row, a row per circuit and per charger, a row per
/// charger that is held at its fail-safe limit, and the site's input version. A site is read whole with one partition query.
/// </summary>
public sealed class SiteStore
{
    private const string SiteRow = "site";
    private const string CircuitKind = "circuit";
    private const string ChargerKind = "charger";
    private const string HoldKind = "hold";
    private const string InputsRow = "inputs";

    // The index of every site, one row each, in a partition no site can have ('|' is escaped in encoded ids): the
    // timers read it instead of scanning the whole table for site rows.
    private const string IndexPartition = "|index";
    private const string IndexBuiltRow = "|built";

    private readonly StorageTables _tables;

    /// <summary>Creates the store.</summary>
    public SiteStore(StorageTables tables) => _tables = tables;

    /// <summary>Writes a site, replacing its layout and settings; circuits and chargers no longer listed are removed. Holds are kept.</summary>
    public async Task UpsertAsync(SiteRecord site, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(site);
        var table = await _tables.GetAsync(TableNames.Sites, cancellationToken).ConfigureAwait(false);
        var partition = TableKey.Encode(site.Id);
        var rows = new List<TableEntity>
        {
            new(partition, SiteRow)
            {
                ["SiteId"] = site.Id,
                ["TimeZone"] = site.TimeZone,
                ["VoltageV"] = site.VoltageV,
                ["GridLimitKw"] = site.GridLimitKw,
                ["SettingsJson"] = JsonSerializer.Serialize(site.Settings, SiteSettings.JsonOptions),
            },
        };
        rows.AddRange(site.Circuits.Select(c => new TableEntity(partition, TableKey.Compose(CircuitKind, c.Id))
        {
            ["CircuitId"] = c.Id,
            ["ParentId"] = c.ParentId,
            ["MaxCurrentA"] = c.MaxCurrentA,
        }));
        rows.AddRange(site.Chargers.Select(c => new TableEntity(partition, TableKey.Compose(ChargerKind, c.Id))
        {
            ["ChargerId"] = c.Id,
            ["CircuitId"] = c.CircuitId,
            ["MaxCurrentA"] = c.MaxCurrentA,
            ["MinCurrentA"] = c.MinCurrentA,
            ["Phases"] = c.Phases,
            ["PhaseRotation"] = c.PhaseRotation,
            ["MaxSchedulePeriods"] = c.MaxSchedulePeriods,
            ["StationId"] = c.StationId,
            ["EvseId"] = c.EvseId,
            ["StackLevel"] = c.StackLevel,
        }));

        var keep = rows.Select(r => r.RowKey).ToHashSet(StringComparer.Ordinal);
        var actions = rows.Select(r => new TableTransactionAction(TableTransactionActionType.UpsertReplace, r)).ToList();
        await foreach (var existing in table.QueryAsync<TableEntity>(
            TableClient.CreateQueryFilter($"PartitionKey eq {partition}"), select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            var kind = TableKey.Split(existing.RowKey)[0];
            if (kind is CircuitKind or ChargerKind && !keep.Contains(existing.RowKey))
            {
                actions.Add(new TableTransactionAction(TableTransactionActionType.Delete, existing, ETag.All));
            }
        }

        await TableBatch.SubmitAsync(table, actions, cancellationToken).ConfigureAwait(false);
        await table.UpsertEntityAsync(IndexRow(site.Id, site.Settings), TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reads a site whole, or null when there is none with that id.</summary>
    public async Task<SiteRecord?> GetAsync(string siteId, CancellationToken cancellationToken = default)
    {
        var table = await _tables.GetAsync(TableNames.Sites, cancellationToken).ConfigureAwait(false);
        var partition = TableKey.Encode(siteId);
        TableEntity? siteRow = null;
        var circuits = new List<CircuitRecord>();
        var chargers = new List<ChargerRecord>();
        var holds = new Dictionary<string, TableEntity>(StringComparer.Ordinal);
        var inputVersion = 0L;
        await foreach (var row in table.QueryAsync<TableEntity>(
            TableClient.CreateQueryFilter($"PartitionKey eq {partition}"), cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            switch (TableKey.Split(row.RowKey)[0])
            {
                case SiteRow:
                    siteRow = row;
                    break;
                case CircuitKind:
                    circuits.Add(new CircuitRecord(row.GetString("CircuitId"), row.GetString("ParentId"), row.GetDouble("MaxCurrentA") ?? 0));
                    break;
                case ChargerKind:
                    chargers.Add(ReadCharger(row));
                    break;
                case HoldKind:
                    holds[row.GetString("ChargerId")] = row;
                    break;
                case InputsRow:
                    inputVersion = row.GetInt64("Version") ?? 0;
                    break;
                default:
                    break;
            }
        }

        if (siteRow is null)
        {
            return null;
        }

        chargers = [.. chargers
            .Select(c => holds.TryGetValue(c.Id, out var hold)
                ? c with { HeldTransactionId = hold.GetString("TransactionId"), HeldReason = hold.GetString("Reason") }
                : c)
            .OrderBy(c => c.Id, StringComparer.Ordinal)];
        var header = ReadHeader(siteRow);
        return new SiteRecord(
            header.Id,
            header.TimeZone,
            header.VoltageV,
            header.GridLimitKw,
            header.Settings,
            [.. circuits.OrderBy(c => c.Id, StringComparer.Ordinal)],
            chargers)
        {
            InputVersion = inputVersion,
        };
    }

    /// <summary>
    /// Counts one more change to what the site's plans read (a departure, a session event, a grid signal, prices, a
    /// hold, the site itself). A plan records the version it read before reading its inputs, so a plan request is
    /// stale exactly when the site's version is still the one its latest plan read: no instants of two machines compared.
    /// </summary>
    /// <returns>The new version.</returns>
    public async Task<long> BumpInputVersionAsync(string siteId, CancellationToken cancellationToken = default)
    {
        var table = await _tables.GetAsync(TableNames.Sites, cancellationToken).ConfigureAwait(false);
        var written = await OptimisticUpdate.ApplyAsync(
            table,
            TableKey.Encode(siteId),
            InputsRow,
            current => new TableEntity { ["Version"] = (current?.GetInt64("Version") ?? 0) + 1 },
            cancellationToken).ConfigureAwait(false);
        return written!.GetInt64("Version") ?? 0;
    }

    /// <summary>A site's own row, or null when there is no such site: one point read.</summary>
    public async Task<SiteHeader?> GetHeaderAsync(string siteId, CancellationToken cancellationToken = default)
    {
        var table = await _tables.GetAsync(TableNames.Sites, cancellationToken).ConfigureAwait(false);
        var row = await OptimisticUpdate.ReadAsync(table, TableKey.Encode(siteId), SiteRow, cancellationToken).ConfigureAwait(false);
        return row is null ? null : ReadHeader(row);
    }

    /// <summary>One charger of a site with its hold, or null when the site has no such charger: two point reads.</summary>
    public async Task<ChargerRecord?> GetChargerAsync(string siteId, string chargerId, CancellationToken cancellationToken = default)
    {
        var table = await _tables.GetAsync(TableNames.Sites, cancellationToken).ConfigureAwait(false);
        var partition = TableKey.Encode(siteId);
        var row = await OptimisticUpdate.ReadAsync(table, partition, TableKey.Compose(ChargerKind, chargerId), cancellationToken).ConfigureAwait(false);
        if (row is null)
        {
            return null;
        }

        var hold = await OptimisticUpdate.ReadAsync(table, partition, TableKey.Compose(HoldKind, chargerId), cancellationToken).ConfigureAwait(false);
        var charger = ReadCharger(row);
        return hold is null ? charger : charger with { HeldTransactionId = hold.GetString("TransactionId"), HeldReason = hold.GetString("Reason") };
    }

    /// <summary>
    /// Every site, from the index partition: one partition query (a page per 1,000 sites), not a scan of the table.
    /// Sites stored before the index existed are indexed on the first call, once.
    /// </summary>
    public async Task<IReadOnlyList<SiteIndexEntry>> ListAsync(CancellationToken cancellationToken = default)
    {
        var table = await _tables.GetAsync(TableNames.Sites, cancellationToken).ConfigureAwait(false);
        var sites = new List<SiteIndexEntry>();
        var built = false;
        await foreach (var row in table.QueryAsync<TableEntity>(
            TableClient.CreateQueryFilter($"PartitionKey eq {IndexPartition}"), cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (row.RowKey == IndexBuiltRow)
            {
                built = true;
                continue;
            }

            sites.Add(new SiteIndexEntry(row.GetString("SiteId"), row.GetBoolean("HasTariffFeed") ?? false, row.GetBoolean("HasVtn") ?? false));
        }

        return built ? sites : await BuildIndexAsync(table, cancellationToken).ConfigureAwait(false);
    }

    // The one scan: every site row, indexed, then the mark that the index is complete.
    private static async Task<IReadOnlyList<SiteIndexEntry>> BuildIndexAsync(TableClient table, CancellationToken cancellationToken)
    {
        var rows = new List<TableEntity>();
        await foreach (var row in table.QueryAsync<TableEntity>(
            TableClient.CreateQueryFilter($"RowKey eq {SiteRow}"), cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            var header = ReadHeader(row);
            rows.Add(IndexRow(header.Id, header.Settings));
        }

        rows.Add(new TableEntity(IndexPartition, IndexBuiltRow));
        await TableBatch.SubmitAsync(table, [.. rows.Select(r => new TableTransactionAction(TableTransactionActionType.UpsertReplace, r))], cancellationToken).ConfigureAwait(false);
        return [.. rows.Where(r => r.RowKey != IndexBuiltRow).Select(r => new SiteIndexEntry(r.GetString("SiteId"), r.GetBoolean("HasTariffFeed") ?? false, r.GetBoolean("HasVtn") ?? false))];
    }

    private static TableEntity IndexRow(string siteId, SiteSettings settings) => new(IndexPartition, TableKey.Encode(siteId))
    {
        ["SiteId"] = siteId,
        ["HasTariffFeed"] = settings.TariffFeed is not null,
        ["HasVtn"] = settings.Vtn is not null,
    };

    /// <summary>Holds a charger at its fail-safe limit for the rest of a transaction, after it refused a profile.</summary>
    public async Task HoldChargerAsync(string siteId, string chargerId, string? transactionId, string reason, Instant at, CancellationToken cancellationToken = default)
    {
        var table = await _tables.GetAsync(TableNames.Sites, cancellationToken).ConfigureAwait(false);
        var row = new TableEntity(TableKey.Encode(siteId), TableKey.Compose(HoldKind, chargerId))
        {
            ["ChargerId"] = chargerId,
            ["TransactionId"] = transactionId ?? string.Empty,
            ["Reason"] = reason,
            ["Since"] = at.ToDateTimeOffset(),
        };
        await table.UpsertEntityAsync(row, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Releases a charger's hold (a new transaction has started on it); nothing happens if it has none.</summary>
    public async Task ReleaseHoldAsync(string siteId, string chargerId, CancellationToken cancellationToken = default)
    {
        var table = await _tables.GetAsync(TableNames.Sites, cancellationToken).ConfigureAwait(false);
        try
        {
            await table.DeleteEntityAsync(TableKey.Encode(siteId), TableKey.Compose(HoldKind, chargerId), ETag.All, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            // Nothing was held.
        }
    }

    private static SiteHeader ReadHeader(TableEntity row) => new(
        row.GetString("SiteId"),
        row.GetString("TimeZone"),
        row.GetDouble("VoltageV") ?? 230,
        row.GetDouble("GridLimitKw") ?? 0,
        JsonSerializer.Deserialize<SiteSettings>(row.GetString("SettingsJson") ?? "{}", SiteSettings.JsonOptions) ?? new SiteSettings());

    private static ChargerRecord ReadCharger(TableEntity row) => new()
    {
        Id = row.GetString("ChargerId"),
        CircuitId = row.GetString("CircuitId"),
        MaxCurrentA = row.GetDouble("MaxCurrentA") ?? 0,
        MinCurrentA = row.GetDouble("MinCurrentA") ?? 6,
        Phases = row.GetInt32("Phases") ?? 3,
        PhaseRotation = row.GetString("PhaseRotation") ?? "RST",
        MaxSchedulePeriods = row.GetInt32("MaxSchedulePeriods") ?? 24,
        StationId = row.GetString("StationId"),
        EvseId = row.GetInt32("EvseId") ?? 1,
        StackLevel = row.GetInt32("StackLevel") ?? 0,
    };
}
