using System.Globalization;
using System.IO.Compression;
using System.Text;
using Azure.Data.Tables;
using NodaTime;
using Scheduler.Functions.Storage;

namespace Scheduler.Functions.Planning;

/// <summary>
/// The plans table: one partition per site. A plan is a header row, its plan file and its inputs, both gzipped and
/// cut into rows of at most 60 KiB (a property holds at most 64 KiB, an entity 1 MiB), written in the partition's
/// transactions under one key prefix, newest first, so that a plan is read back with one range query. A "latest" row
/// names the newest plan (by <see cref="PlanOrder"/>), only ever moves forward, and carries the outbox flag of its dispatch.
/// </summary>
public sealed class PlanStore
{
    private const string LatestRow = "latest";
    private const string HeaderKind = "plan";
    private const string BodyKind = "body";
    private const string InputsKind = "inputs";
    private const int ChunkBytes = 60 * 1024;

    private readonly StorageTables _tables;

    /// <summary>Creates the store.</summary>
    public PlanStore(StorageTables tables) => _tables = tables;

    /// <summary>Stores a plan and makes it the latest, with its dispatch pending, unless a newer one is already there.</summary>
    /// <param name="plan">The plan's header.</param>
    /// <param name="planJson">The plan file.</param>
    /// <param name="seen">The latest row as the caller read it before planning, to save a read; null if there was none.</param>
    /// <param name="cancellationToken">Cancels the writes.</param>
    /// <returns>The latest row now naming the plan, or null when a newer plan was stored first.</returns>
    public async Task<LatestPlan?> SaveAsync(StoredPlan plan, string planJson, LatestPlan? seen, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(planJson);
        var table = await _tables.GetAsync(TableNames.Plans, cancellationToken).ConfigureAwait(false);
        var partition = TableKey.Encode(plan.SiteId);
        var prefix = Prefix(plan.PlanId, plan.PlannedAt);
        var body = Chunks(planJson);
        var inputs = Chunks(plan.InputsJson);
        var actions = new List<TableTransactionAction>
        {
            new(TableTransactionActionType.UpsertReplace, new TableEntity(partition, prefix + HeaderKind)
            {
                ["PlanId"] = plan.PlanId,
                ["SiteId"] = plan.SiteId,
                ["PlannedAt"] = plan.PlannedAt.ToDateTimeOffset(),
                ["Status"] = plan.Status,
                ["Cost"] = plan.Cost,
                ["Currency"] = plan.Currency,
                ["RequestId"] = plan.RequestId,
                ["InputVersion"] = plan.InputVersion,
                ["Chunks"] = body.Count,
                ["InputChunks"] = inputs.Count,
            }),
        };
        actions.AddRange(body.Select((data, i) => ChunkAction(partition, prefix, BodyKind, i, data)));
        actions.AddRange(inputs.Select((data, i) => ChunkAction(partition, prefix, InputsKind, i, data)));
        await TableBatch.SubmitAsync(table, actions, a => a.Entity is TableEntity { } row && row.TryGetValue("Data", out var data) && data is byte[] bytes ? bytes.Length + 1024 : 4096, cancellationToken)
            .ConfigureAwait(false);

        Func<TableEntity?, TableEntity?> moveForward = current => current is not null && ReadLatest(current).Order >= plan.Order
            ? null
            : new TableEntity
            {
                ["PlanId"] = plan.PlanId,
                ["PlannedAt"] = plan.PlannedAt.ToDateTimeOffset(),
                ["RequestId"] = plan.RequestId,
                ["InputVersion"] = plan.InputVersion,
                ["DispatchPending"] = true,
            };
        var latest = seen?.Row is { } row
            ? await OptimisticUpdate.ApplyAsync(table, row, moveForward, cancellationToken).ConfigureAwait(false)
            : await OptimisticUpdate.ApplyAsync(table, partition, LatestRow, moveForward, cancellationToken).ConfigureAwait(false);
        return latest is not null && latest.GetString("PlanId") == plan.PlanId ? ReadLatest(latest) : null;
    }

    /// <summary>Records that every profile of the latest plan is queued for dispatch; nothing happens if a newer plan is latest.</summary>
    public async Task MarkDispatchedAsync(string siteId, LatestPlan latest, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(latest);
        var table = await _tables.GetAsync(TableNames.Plans, cancellationToken).ConfigureAwait(false);
        Func<TableEntity?, TableEntity?> done = current =>
        {
            if (current is null || current.GetString("PlanId") != latest.PlanId || current.GetBoolean("DispatchPending") != true)
            {
                return null;
            }

            current["DispatchPending"] = false;
            return current;
        };
        _ = latest.Row is { } row
            ? await OptimisticUpdate.ApplyAsync(table, row, done, cancellationToken).ConfigureAwait(false)
            : await OptimisticUpdate.ApplyAsync(table, TableKey.Encode(siteId), LatestRow, done, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The site's latest row, or null before its first plan.</summary>
    public async Task<LatestPlan?> GetLatestRowAsync(string siteId, CancellationToken cancellationToken = default)
    {
        var table = await _tables.GetAsync(TableNames.Plans, cancellationToken).ConfigureAwait(false);
        var row = await OptimisticUpdate.ReadAsync(table, TableKey.Encode(siteId), LatestRow, cancellationToken).ConfigureAwait(false);
        return row is null ? null : ReadLatest(row);
    }

    /// <summary>The site's latest plan with its file, or null before its first plan.</summary>
    public async Task<(StoredPlan Plan, string Json)?> GetLatestAsync(string siteId, CancellationToken cancellationToken = default)
    {
        var latest = await GetLatestRowAsync(siteId, cancellationToken).ConfigureAwait(false);
        return latest is null ? null : await GetAsync(siteId, latest.PlanId, latest.PlannedAt, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>One plan with its file, or null when it is not stored: one range query.</summary>
    public async Task<(StoredPlan Plan, string Json)?> GetAsync(string siteId, string planId, Instant plannedAt, CancellationToken cancellationToken = default)
    {
        var table = await _tables.GetAsync(TableNames.Plans, cancellationToken).ConfigureAwait(false);
        var prefix = Prefix(planId, plannedAt);
        TableEntity? header = null;
        var parts = new SortedDictionary<string, byte[]>(StringComparer.Ordinal);
        await foreach (var row in table.QueryAsync<TableEntity>(
            TableClient.CreateQueryFilter($"PartitionKey eq {TableKey.Encode(siteId)} and RowKey ge {prefix} and RowKey lt {prefix + "~"}"),
            cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (row.RowKey == prefix + HeaderKind)
            {
                header = row;
            }
            else
            {
                parts[row.RowKey[prefix.Length..]] = row.GetBinary("Data");
            }
        }

        if (header is null)
        {
            return null;
        }

        var plan = new StoredPlan(
            header.GetString("PlanId"),
            header.GetString("SiteId"),
            Instant.FromDateTimeOffset(header.GetDateTimeOffset("PlannedAt")!.Value),
            header.GetString("Status"),
            header.GetDouble("Cost") ?? 0,
            header.GetString("Currency"),
            Join(parts, InputsKind, header.GetInt32("InputChunks") ?? 0, planId, siteId),
            header.GetString("RequestId"),
            header.GetInt64("InputVersion") ?? 0);
        return (plan, Join(parts, BodyKind, header.GetInt32("Chunks") ?? 0, planId, siteId));
    }

    private static LatestPlan ReadLatest(TableEntity row) => new()
    {
        PlanId = row.GetString("PlanId"),
        PlannedAt = Instant.FromDateTimeOffset(row.GetDateTimeOffset("PlannedAt")!.Value),
        RequestId = row.GetString("RequestId") ?? string.Empty,
        InputVersion = row.GetInt64("InputVersion") ?? 0,
        DispatchPending = row.GetBoolean("DispatchPending") ?? false,
        Row = row,
    };

    // Every row of a plan starts with its inverted time (newest first) and id.
    private static string Prefix(string planId, Instant plannedAt) => TableKey.Compose(TableKey.InvertedTicks(plannedAt), planId) + TableKey.Separator;

    private static TableTransactionAction ChunkAction(string partition, string prefix, string kind, int index, byte[] data) =>
        new(TableTransactionActionType.UpsertReplace, new TableEntity(partition, ChunkKey(prefix, kind, index)) { ["Data"] = data });

    private static string ChunkKey(string prefix, string kind, int index) => prefix + TableKey.Compose(kind, index.ToString("D4", CultureInfo.InvariantCulture));

    private static List<byte[]> Chunks(string text)
    {
        var data = Compress(text);
        return [.. Enumerable.Range(0, (data.Length + ChunkBytes - 1) / ChunkBytes).Select(i => data.AsSpan(i * ChunkBytes, Math.Min(ChunkBytes, data.Length - (i * ChunkBytes))).ToArray())];
    }

    private static string Join(SortedDictionary<string, byte[]> parts, string kind, int count, string planId, string siteId)
    {
        using var data = new MemoryStream();
        for (var i = 0; i < count; i++)
        {
            var key = TableKey.Compose(kind, i.ToString("D4", CultureInfo.InvariantCulture));
            data.Write(parts.TryGetValue(key, out var part) ? part : throw new InvalidOperationException($"plan {planId} of site {siteId} lacks {kind} part {i} of {count}"));
        }

        return Decompress(data.ToArray());
    }

    private static byte[] Compress(string text)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Optimal))
        {
            gzip.Write(Encoding.UTF8.GetBytes(text));
        }

        return output.ToArray();
    }

    private static string Decompress(byte[] data)
    {
        using var input = new GZipStream(new MemoryStream(data), CompressionMode.Decompress);
        using var reader = new StreamReader(input, Encoding.UTF8);
        return reader.ReadToEnd();
    }
}
