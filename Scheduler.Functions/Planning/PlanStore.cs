using System.IO.Compression;
using System.Text;
using Azure.Data.Tables;
using NodaTime;
using Scheduler.Functions.Storage;

namespace Scheduler.Functions.Planning;

/// <summary>
/// The plans table: one partition per site. Each plan is a header row and its plan file, gzipped and cut into rows
/// of at most 60 KiB (an entity holds at most 1 MiB, a property 64 KiB), written in one partition's transactions;
/// history rows sort newest first. A "latest" row names the newest plan and only ever moves forward.
/// </summary>
public sealed class PlanStore
{
    private const string LatestRow = "latest";
    private const string HeaderKind = "plan";
    private const string BodyKind = "body";
    private const int ChunkBytes = 60 * 1024;

    private readonly StorageTables _tables;

    /// <summary>Creates the store.</summary>
    public PlanStore(StorageTables tables) => _tables = tables;

    /// <summary>Stores a plan and makes it the latest unless a newer one is already there.</summary>
    /// <returns>Whether it became the site's latest plan.</returns>
    public async Task<bool> SaveAsync(StoredPlan plan, string planJson, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(planJson);
        var table = await _tables.GetAsync(TableNames.Plans, cancellationToken).ConfigureAwait(false);
        var partition = TableKey.Encode(plan.SiteId);
        var order = TableKey.InvertedTicks(plan.PlannedAt);
        var body = Compress(planJson);
        var chunks = Enumerable.Range(0, (body.Length + ChunkBytes - 1) / ChunkBytes)
            .Select(i => body.AsMemory(i * ChunkBytes, Math.Min(ChunkBytes, body.Length - (i * ChunkBytes))).ToArray())
            .ToList();

        var actions = new List<TableTransactionAction>
        {
            new(TableTransactionActionType.UpsertReplace, new TableEntity(partition, TableKey.Compose(HeaderKind, order, plan.PlanId))
            {
                ["PlanId"] = plan.PlanId,
                ["SiteId"] = plan.SiteId,
                ["PlannedAt"] = plan.PlannedAt.ToDateTimeOffset(),
                ["Status"] = plan.Status,
                ["Cost"] = plan.Cost,
                ["Currency"] = plan.Currency,
                ["InputsJson"] = plan.InputsJson,
                ["RequestId"] = plan.RequestId,
                ["Chunks"] = chunks.Count,
            }),
        };
        actions.AddRange(chunks.Select((data, i) => new TableTransactionAction(
            TableTransactionActionType.UpsertReplace,
            new TableEntity(partition, ChunkKey(order, plan.PlanId, i)) { ["Data"] = data })));
        await TableBatch.SubmitAsync(table, actions, a => a.Entity is TableEntity { } row && row.TryGetValue("Data", out var data) && data is byte[] bytes ? bytes.Length + 1024 : 64 * 1024, cancellationToken)
            .ConfigureAwait(false);

        var latest = await OptimisticUpdate.ApplyAsync(
            table,
            partition,
            LatestRow,
            current => current?.GetDateTimeOffset("PlannedAt") is { } newest && newest >= plan.PlannedAt.ToDateTimeOffset()
                ? null
                : new TableEntity { ["PlanId"] = plan.PlanId, ["PlannedAt"] = plan.PlannedAt.ToDateTimeOffset() },
            cancellationToken).ConfigureAwait(false);
        return latest?.GetString("PlanId") == plan.PlanId;
    }

    /// <summary>The instant the site's latest plan read its inputs, or null before its first plan.</summary>
    public async Task<Instant?> LatestPlannedAtAsync(string siteId, CancellationToken cancellationToken = default)
    {
        var table = await _tables.GetAsync(TableNames.Plans, cancellationToken).ConfigureAwait(false);
        var row = await OptimisticUpdate.ReadAsync(table, TableKey.Encode(siteId), LatestRow, cancellationToken).ConfigureAwait(false);
        return row?.GetDateTimeOffset("PlannedAt") is { } at ? Instant.FromDateTimeOffset(at) : null;
    }

    /// <summary>The site's latest plan with its file, or null before its first plan.</summary>
    public async Task<(StoredPlan Plan, string Json)?> GetLatestAsync(string siteId, CancellationToken cancellationToken = default)
    {
        var table = await _tables.GetAsync(TableNames.Plans, cancellationToken).ConfigureAwait(false);
        var row = await OptimisticUpdate.ReadAsync(table, TableKey.Encode(siteId), LatestRow, cancellationToken).ConfigureAwait(false);
        if (row is null)
        {
            return null;
        }

        return await GetAsync(siteId, row.GetString("PlanId"), Instant.FromDateTimeOffset(row.GetDateTimeOffset("PlannedAt")!.Value), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>One plan with its file, or null when it is not stored.</summary>
    public async Task<(StoredPlan Plan, string Json)?> GetAsync(string siteId, string planId, Instant plannedAt, CancellationToken cancellationToken = default)
    {
        var table = await _tables.GetAsync(TableNames.Plans, cancellationToken).ConfigureAwait(false);
        var partition = TableKey.Encode(siteId);
        var order = TableKey.InvertedTicks(plannedAt);
        var header = await OptimisticUpdate.ReadAsync(table, partition, TableKey.Compose(HeaderKind, order, planId), cancellationToken).ConfigureAwait(false);
        if (header is null)
        {
            return null;
        }

        var count = header.GetInt32("Chunks") ?? 0;
        using var body = new MemoryStream();
        for (var i = 0; i < count; i++)
        {
            var chunk = await OptimisticUpdate.ReadAsync(table, partition, ChunkKey(order, planId, i), cancellationToken).ConfigureAwait(false)
                ?? throw new InvalidOperationException($"plan {planId} of site {siteId} lacks part {i} of {count}");
            body.Write(chunk.GetBinary("Data"));
        }

        var plan = new StoredPlan(
            header.GetString("PlanId"),
            header.GetString("SiteId"),
            Instant.FromDateTimeOffset(header.GetDateTimeOffset("PlannedAt")!.Value),
            header.GetString("Status"),
            header.GetDouble("Cost") ?? 0,
            header.GetString("Currency"),
            header.GetString("InputsJson"),
            header.GetString("RequestId"));
        return (plan, Decompress(body.ToArray()));
    }

    private static string ChunkKey(string order, string planId, int index) =>
        TableKey.Compose(BodyKind, order, planId, index.ToString("D4", System.Globalization.CultureInfo.InvariantCulture));

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
