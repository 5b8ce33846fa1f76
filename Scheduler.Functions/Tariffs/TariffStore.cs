using Azure.Data.Tables;
using NodaTime;
using NodaTime.Text;
using Scheduler.Functions.Storage;
using Scheduler.Optimizer.Model;

namespace Scheduler.Functions.Tariffs;

/// <summary>
/// The tariffs table: one partition per site; a row per price interval keyed by its start (so a time range is one
/// range query), and one row for the feed's status.
/// </summary>
public sealed class TariffStore
{
    private const string SlotKind = "slot";
    private const string StatusRow = "status";
    private static readonly InstantPattern KeyPattern = InstantPattern.CreateWithInvariantCulture("uuuuMMdd'T'HHmmss'Z'");

    private readonly StorageTables _tables;

    /// <summary>Creates the store.</summary>
    public TariffStore(StorageTables tables) => _tables = tables;

    /// <summary>Stores prices, replacing any stored for the same start.</summary>
    public async Task WritePricesAsync(string siteId, string currency, IReadOnlyList<PriceInterval> prices, string source, Instant fetchedAt, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(prices);
        var table = await _tables.GetAsync(TableNames.Tariffs, cancellationToken).ConfigureAwait(false);
        var partition = TableKey.Encode(siteId);
        var actions = prices.Select(p => new TableTransactionAction(TableTransactionActionType.UpsertReplace, new TableEntity(partition, SlotKey(p.Start))
        {
            ["Start"] = p.Start.ToDateTimeOffset(),
            ["End"] = p.End.ToDateTimeOffset(),
            ["PerKwh"] = p.PerKwh,
            ["Currency"] = currency,
            ["Source"] = source,
            ["FetchedAt"] = fetchedAt.ToDateTimeOffset(),
        })).ToList();
        if (prices.Count > 0)
        {
            // Rows of an earlier answer on another grid (hourly before, quarter-hourly now) would overlap the new ones.
            var keys = actions.Select(a => a.Entity.RowKey).ToHashSet(StringComparer.Ordinal);
            var from = prices.Min(p => p.Start);
            var to = prices.Max(p => p.End);
            await foreach (var stale in table.QueryAsync<TableEntity>(
                TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey ge {SlotKey(from)} and RowKey lt {SlotKey(to)}"),
                select: ["PartitionKey", "RowKey"],
                cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                if (!keys.Contains(stale.RowKey))
                {
                    actions.Add(new TableTransactionAction(TableTransactionActionType.Delete, stale, Azure.ETag.All));
                }
            }
        }

        await TableBatch.SubmitAsync(table, actions, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The stored prices that overlap [<paramref name="from"/>, <paramref name="to"/>), in time order.</summary>
    public async Task<IReadOnlyList<StoredPrice>> ReadPricesAsync(string siteId, Instant from, Instant to, CancellationToken cancellationToken = default)
    {
        var table = await _tables.GetAsync(TableNames.Tariffs, cancellationToken).ConfigureAwait(false);
        var partition = TableKey.Encode(siteId);
        // A price that starts up to a day before the range may still reach into it.
        var low = SlotKey(from - Duration.FromDays(1));
        var high = SlotKey(to);
        var prices = new List<StoredPrice>();
        await foreach (var row in table.QueryAsync<TableEntity>(
            TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey ge {low} and RowKey lt {high}"),
            cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            var price = new StoredPrice(
                new PriceInterval(Instant.FromDateTimeOffset(row.GetDateTimeOffset("Start")!.Value), Instant.FromDateTimeOffset(row.GetDateTimeOffset("End")!.Value), row.GetDouble("PerKwh") ?? 0),
                row.GetString("Currency"),
                row.GetString("Source"),
                Instant.FromDateTimeOffset(row.GetDateTimeOffset("FetchedAt")!.Value));
            if (price.Interval.End > from)
            {
                prices.Add(price);
            }
        }

        return prices;
    }

    /// <summary>Records how the feed went.</summary>
    public async Task WriteStatusAsync(string siteId, TariffFeedStatus status, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(status);
        var table = await _tables.GetAsync(TableNames.Tariffs, cancellationToken).ConfigureAwait(false);
        var row = new TableEntity(TableKey.Encode(siteId), StatusRow)
        {
            ["Source"] = status.Source,
            ["LastSuccessAt"] = status.LastSuccessAt?.ToDateTimeOffset(),
            ["LastAttemptAt"] = status.LastAttemptAt.ToDateTimeOffset(),
            ["LastError"] = status.LastError,
        };
        await table.UpsertEntityAsync(row, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The feed's status, or null before its first attempt.</summary>
    public async Task<TariffFeedStatus?> ReadStatusAsync(string siteId, CancellationToken cancellationToken = default)
    {
        var table = await _tables.GetAsync(TableNames.Tariffs, cancellationToken).ConfigureAwait(false);
        var row = await OptimisticUpdate.ReadAsync(table, TableKey.Encode(siteId), StatusRow, cancellationToken).ConfigureAwait(false);
        return row is null
            ? null
            : new TariffFeedStatus(
                row.GetString("Source"),
                row.GetDateTimeOffset("LastSuccessAt") is { } success ? Instant.FromDateTimeOffset(success) : null,
                Instant.FromDateTimeOffset(row.GetDateTimeOffset("LastAttemptAt")!.Value),
                row.GetString("LastError"));
    }

    private static string SlotKey(Instant start) => TableKey.Compose(SlotKind, KeyPattern.Format(start));
}

/// <summary>A stored price with where it came from.</summary>
/// <param name="Interval">The price.</param>
/// <param name="Currency">Its currency.</param>
/// <param name="Source">The feed it came from.</param>
/// <param name="FetchedAt">When it was fetched.</param>
public sealed record StoredPrice(PriceInterval Interval, string Currency, string Source, Instant FetchedAt);
