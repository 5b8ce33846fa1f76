using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Azure.Functions.Worker;
using NodaTime;
using Scheduler.Functions.Planning;
using Scheduler.Functions.Queues;
using Scheduler.Functions.Sessions;
using Scheduler.Functions.Sites;
using Scheduler.Functions.Triggers;
using Scheduler.Protocols.Messages;
using Scheduler.Tests.Storage;
using Xunit.Abstractions;

namespace Scheduler.Tests.Functions.Load;

/// <summary>
/// The app under load on Azurite: many sites of 20–50 sessions, from the <c>PlanAllSites</c> timer to queued dispatches,
/// planned by one instance (as many concurrent <c>PlanSite</c> runs as host.json's batch size). It reports the
/// throughput, the time per site, the storage calls per site and where the time goes. The default run plans a few
/// sites; <c>SCHEDULER_LOAD_SITES=1000</c> runs the full load (see the README). Nothing here asserts a time.
/// </summary>
[Collection("Azurite")]
[Trait("Category", "Load")]
public sealed class PlanAllSitesLoadTests(AzuriteFixture azurite, ITestOutputHelper output)
{
    // Tuesday 2026-03-10, 18:00 in Amsterdam: the evening peak of plug-ins.
    private static readonly Instant Now = Instant.FromUtc(2026, 3, 10, 17, 0);

    // One instance runs up to batchSize (host.json: 8) messages of a queue at once.
    private const int Workers = 8;

    private const int DefaultSites = 12;

    [Fact]
    public async Task PlanAllSites_ManySites_EveryOnePlannedAndItsProfilesQueued()
    {
        var count = int.TryParse(Environment.GetEnvironmentVariable("SCHEDULER_LOAD_SITES"), CultureInfo.InvariantCulture, out var n) && n > 0 ? n : DefaultSites;
        await using var app = await AppHarness.StartAsync(azurite, Now);
        var sites = await SeedAsync(app, count);
        app.Storage.ClearCalls();

        var wall = Stopwatch.StartNew();
        await app.Function<PlanAllSitesFunction>().Run(new TimerInfo(), default);
        var perSite = await PlanAsync(app);
        wall.Stop();

        var table = await ReportAsync(app, sites, perSite, wall.Elapsed);
        output.WriteLine(table);
        await File.WriteAllTextAsync(Path.Combine(AppContext.BaseDirectory, "load-test.md"), table);

        Assert.Equal(sites.Keys.Order(StringComparer.Ordinal), perSite.Keys.Order(StringComparer.Ordinal));
        foreach (var (siteId, sessions) in sites)
        {
            var latest = (await app.Get<PlanStore>().GetLatestRowAsync(siteId))!;
            Assert.False(latest.DispatchPending);
        }

        // Every session's TxProfile and every charger's fail-safe default, one message each.
        var queued = (await app.Queues.GetQueueClient(QueueNames.Dispatch).GetPropertiesAsync()).Value.ApproximateMessagesCount;
        Assert.Equal(sites.Values.Sum(s => 2 * s), queued);
        Assert.All(Calls(app), c => Assert.True(c.Value.Count(x => x.Service == "table" && !x.IsCreate) <= 25, $"{c.Key}: {c.Value.Count(x => x.Service == "table")} table calls"));
    }

    // Sites of 20–50 chargers on two feeders, one session each, seeded so that every run plans the same sites.
    private static async Task<Dictionary<string, int>> SeedAsync(AppHarness app, int count)
    {
        var random = new Random(1);
        var sizes = Enumerable.Range(0, count).ToDictionary(i => $"load-{i:D4}", _ => random.Next(20, 51));
        var settings = TestSites.WithCsms(new Uri("https://csms.example"));
        await Parallel.ForEachAsync(sizes, new ParallelOptions { MaxDegreeOfParallelism = Workers }, async (site, _) =>
        {
            var chargers = Enumerable.Range(1, site.Value)
                .Select(c => new ChargerRecord { Id = $"cp-{c:D2}", CircuitId = c % 2 == 0 ? "feeder-a" : "feeder-b", MaxCurrentA = c % 3 == 0 ? 32 : 16 })
                .ToList();
            await app.Get<SiteStore>().UpsertAsync(new SiteRecord(
                site.Key, "Europe/Amsterdam", 230, 0.4 * site.Value * 11, settings,
                [new CircuitRecord("main", null, 16 * site.Value), new CircuitRecord("feeder-a", "main", 10 * site.Value), new CircuitRecord("feeder-b", "main", 10 * site.Value)],
                chargers));
            foreach (var charger in chargers)
            {
                var arrival = Now - Duration.FromMinutes(random.Next(0, 240));
                await app.Get<SessionStore>().ApplyAsync(new SessionEventMessage($"{site.Key}-{charger.Id}", site.Key, SessionEventKind.Started, charger.Id, $"tx-{charger.Id}", arrival, 0));
            }
        });
        return sizes;
    }

    // One instance: workers take plan requests until the queue is empty; each site's storage calls carry its id.
    private static async Task<ConcurrentDictionary<string, TimeSpan>> PlanAsync(AppHarness app)
    {
        var perSite = new ConcurrentDictionary<string, TimeSpan>(StringComparer.Ordinal);
        var queue = app.Queues.GetQueueClient(QueueNames.PlanRequests);
        await Task.WhenAll(Enumerable.Range(0, Workers).Select(async _ =>
        {
            while (await app.ReceiveAsync(QueueNames.PlanRequests) is { } message)
            {
                var siteId = PlanRequestMessageReader.Read(message.Body.ToString()).Message!.SiteId;
                var watch = Stopwatch.StartNew();
                using (StorageProbe.Scope(siteId))
                {
                    await app.Function<PlanSiteFunction>().Run(message, default);
                    await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt);
                }

                perSite[siteId] = watch.Elapsed;
            }
        }));
        return perSite;
    }

    private static Dictionary<string, List<StorageCall>> Calls(AppHarness app) =>
        app.Storage.Calls.Where(c => c.Scope is not null).GroupBy(c => c.Scope!).ToDictionary(g => g.Key, g => g.ToList());

    private static async Task<string> ReportAsync(AppHarness app, Dictionary<string, int> sites, ConcurrentDictionary<string, TimeSpan> perSite, TimeSpan wall)
    {
        var calls = Calls(app);
        var solveMs = new List<double>();
        foreach (var siteId in sites.Keys)
        {
            var (_, json) = (await app.Get<PlanStore>().GetLatestAsync(siteId))!.Value;
            using var document = JsonDocument.Parse(json);
            solveMs.Add(document.RootElement.GetProperty("solveMs").GetDouble());
        }

        var times = perSite.Values.Select(t => t.TotalMilliseconds).Order().ToList();
        var totalMs = times.Sum();
        // Calls of one site overlap (its dispatch messages go eight at a time): what counts is the time some call was open.
        var tableMs = calls.Values.Sum(c => OpenMs(c.Where(x => x.Service == "table")));
        var queueMs = calls.Values.Sum(c => OpenMs(c.Where(x => x.Service == "queue")));
        var tableCalls = calls.Values.Select(c => (double)c.Count(x => x.Service == "table")).ToList();
        var queueCalls = calls.Values.Select(c => (double)c.Count(x => x.Service == "queue")).ToList();
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"| sites | sessions per site | instance concurrency | sites per minute | p50 s per site | p95 s per site | table calls per site | queue calls per site |");
        text.AppendLine("|---:|---:|---:|---:|---:|---:|---:|---:|");
        text.AppendLine(CultureInfo.InvariantCulture, $"| {sites.Count} | {sites.Values.Min()}–{sites.Values.Max()} (mean {sites.Values.Average():F1}) | {Workers} | {sites.Count / wall.TotalMinutes:F1} | {Percentile(times, 0.5) / 1000:F2} | {Percentile(times, 0.95) / 1000:F2} | {tableCalls.Average():F1} | {queueCalls.Average():F1} |");
        text.AppendLine();
        text.AppendLine("| where the time of a site's plan goes | share |");
        text.AppendLine("|---|---:|");
        text.AppendLine(CultureInfo.InvariantCulture, $"| solver | {100 * solveMs.Sum() / totalMs:F0} % |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| table calls | {100 * tableMs / totalMs:F0} % |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| queue calls (dispatch messages) | {100 * queueMs / totalMs:F0} % |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| the rest (assembly, profiles, JSON, waiting for a core) | {100 * (totalMs - solveMs.Sum() - tableMs - queueMs) / totalMs:F0} % |");
        return text.ToString();
    }

    private static double OpenMs(IEnumerable<StorageCall> calls)
    {
        var open = 0L;
        var end = long.MinValue;
        foreach (var call in calls.OrderBy(c => c.StartedAt))
        {
            var stop = call.StartedAt + (long)(call.Duration.TotalSeconds * Stopwatch.Frequency);
            open += Math.Max(0, stop - Math.Max(call.StartedAt, end));
            end = Math.Max(end, stop);
        }

        return open * 1000.0 / Stopwatch.Frequency;
    }

    private static double Percentile(IReadOnlyList<double> sorted, double share) => sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(share * sorted.Count) - 1)];
}
