using System.Text.Json.Nodes;
using NodaTime;
using Scheduler.Functions.Planning;
using Scheduler.Functions.Queues;
using Scheduler.Functions.Sessions;
using Scheduler.Functions.Sites;
using Scheduler.Functions.Triggers;
using Scheduler.Protocols.Messages;
using Scheduler.Tests.Storage;

namespace Scheduler.Tests.Functions.Triggers;

[Collection("Azurite")]
public sealed class IngestSiteFunctionTests(AzuriteFixture azurite)
{
    private static readonly Instant Now = Instant.FromUtc(2026, 3, 10, 12, 0);

    [Fact]
    public async Task Run_DemoSite_StoredWholeWithAddressesAndSettings()
    {
        await using var app = await AppHarness.StartAsync(azurite, Now);
        var message = SiteMessage(m =>
        {
            m["chargers"] = JsonNode.Parse("""{ "cp-a01": { "stationId": "AT*VIE*E0001", "evseId": 2, "stackLevel": 3 } }""");
            m["settings"] = JsonNode.Parse("""{ "currency": "EUR", "defaultDeparture": "06:45", "csms": { "baseUrl": "https://csms.example/api", "ocppVersion": "1.6" } }""");
        });
        await app.SendAsync(QueueNames.Sites, message);

        await app.DrainAsync(QueueNames.Sites, m => app.Function<IngestSiteFunction>().Run(m, default));

        var site = (await app.Get<SiteStore>().GetAsync("vienna-depot"))!;
        Assert.Equal("Europe/Vienna", site.TimeZone);
        Assert.Equal(26, site.Chargers.Count);
        Assert.Equal(3, site.Circuits.Count);
        var first = site.Chargers.Single(c => c.Id == "cp-a01");
        Assert.Equal(("AT*VIE*E0001", 2, 3, "STR", 32.0), (first.StationId, first.EvseId, first.StackLevel, first.PhaseRotation, first.MaxCurrentA));
        Assert.Equal("06:45", site.Settings.DefaultDeparture);
        Assert.Equal("1.6", site.Settings.Csms!.OcppVersion);
        Assert.Contains("\"reason\":\"site\"", Assert.Single(await app.PeekAsync(QueueNames.PlanRequests)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_SiteShrinks_RemovedChargersGone()
    {
        await using var app = await AppHarness.StartAsync(azurite, Now);
        await app.SendAsync(QueueNames.Sites, SiteMessage(_ => { }, "v1"));
        await app.SendAsync(QueueNames.Sites, SiteMessage(m => m["site"]!["chargers"]!.AsArray().RemoveAt(25), "v2"));

        await app.DrainAsync(QueueNames.Sites, m => app.Function<IngestSiteFunction>().Run(m, default));

        Assert.Equal(25, (await app.Get<SiteStore>().GetAsync("vienna-depot"))!.Chargers.Count);
    }

    [Theory]
    [InlineData("""{"site":{"chargers":[{"id":"cp-a01","maxCurrentA":-5}]}}""", "$.site.chargers[0].maxCurrentA")]
    [InlineData("""{"settings":{"currency":"EUR","colour":"blue"}}""", "$.settings")]
    [InlineData("""{"settings":{"csms":{"baseUrl":"https://c.example","ocppVersion":"2.1"}}}""", "$.settings.csms.ocppVersion")]
    [InlineData("""{"chargers":{"cp-zz":{"stationId":"x"}}}""", "$.chargers['cp-zz']")]
    [InlineData("""{"settings":{"defaultDeparture":"7.30"}}""", "$.settings.defaultDeparture")]
    public async Task Run_BadSite_PoisonedWithThePath(string patch, string path)
    {
        await using var app = await AppHarness.StartAsync(azurite, Now);
        await app.SendAsync(QueueNames.Sites, SiteMessage(m => Merge(m, JsonNode.Parse(patch)!.AsObject())));

        await app.DrainAsync(QueueNames.Sites, m => app.Function<IngestSiteFunction>().Run(m, default));

        Assert.Null(await app.Get<SiteStore>().GetAsync("vienna-depot"));
        var record = Assert.Single(await app.Get<PoisonStore>().ListAsync(QueueNames.Sites));
        Assert.Contains(path, record.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_ChargerIdTooLongForItsSessionIds_RefusedWithThePath()
    {
        await using var app = await AppHarness.StartAsync(azurite, Now);
        var longId = new string('c', SiteMessageReader.MaxChargerIdLength + 1);
        await app.SendAsync(QueueNames.Sites, SiteMessage(m => m["site"]!["chargers"]![0]!["id"] = longId));

        await app.DrainAsync(QueueNames.Sites, m => app.Function<IngestSiteFunction>().Run(m, default));

        Assert.Null(await app.Get<SiteStore>().GetAsync("vienna-depot"));
        Assert.Contains("$.site.chargers[0].id", Assert.Single(await app.Get<PoisonStore>().ListAsync(QueueNames.Sites)).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_LongestChargerIdWithAUuidTransaction_SitePlanned()
    {
        await using var app = await AppHarness.StartAsync(azurite, Now);
        var longId = new string('c', SiteMessageReader.MaxChargerIdLength);
        await app.SendAsync(QueueNames.Sites, SiteMessage(m => m["site"]!["chargers"]![0]!["id"] = longId));
        await app.DrainAsync(QueueNames.Sites, m => app.Function<IngestSiteFunction>().Run(m, default));
        await app.Get<SessionStore>().ApplyAsync(new SessionEventMessage(
            "s-1", "vienna-depot", SessionEventKind.Started, longId, "3f2504e0-4f89-41d3-9a0c-0305e82c3301", Now, 0));

        await app.DrainAsync(QueueNames.PlanRequests, m => app.Function<PlanSiteFunction>().Run(m, default));

        var plan = (await app.Get<PlanStore>().GetLatestAsync("vienna-depot"))!.Value;
        Assert.Single(PlanInputs.FromJson(plan.Plan.InputsJson).Sessions);
        Assert.Empty(await app.Get<PoisonStore>().ListAsync(QueueNames.PlanRequests));
    }

    [Fact]
    public async Task Run_SiteTooLargeForAQueueMessage_ReadFromTheDocumentItNames()
    {
        await using var app = await AppHarness.StartAsync(azurite, Now);
        // 800 chargers: some 60 KiB of JSON, more than a queue message holds.
        var document = SiteMessage(m => m["site"]!["chargers"] = new JsonArray([.. Enumerable.Range(0, 800).Select(i => (JsonNode)new JsonObject
        {
            ["id"] = $"garage-level-{i / 100}-bay-{i:D4}",
            ["circuitId"] = "feeder-a",
            ["maxCurrentA"] = 16,
        })]));
        Assert.True(document.Length > QueueSender.MaxMessageBytes, $"{document.Length} characters");
        var container = new Azure.Storage.Blobs.BlobContainerClient(azurite.ConnectionString, Scheduler.Functions.Storage.BlobContainerNames.SiteDocuments);
        await container.CreateIfNotExistsAsync();
        await container.UploadBlobAsync("vienna-depot/v2.json", BinaryData.FromString(document));
        await app.SendAsync(QueueNames.Sites, """{"type":"site","version":1,"id":"site-v2","siteDocument":"vienna-depot/v2.json"}""");

        await app.DrainAsync(QueueNames.Sites, m => app.Function<IngestSiteFunction>().Run(m, default));

        Assert.Equal(800, (await app.Get<SiteStore>().GetAsync("vienna-depot"))!.Chargers.Count);
    }

    [Fact]
    public async Task Run_DocumentNeverUploaded_RefusedOnTheLastDelivery()
    {
        await using var app = await AppHarness.StartAsync(azurite, Now);
        await app.SendAsync(QueueNames.Sites, """{"type":"site","version":1,"id":"site-v3","siteDocument":"nowhere/v3.json"}""");

        var deliveries = await app.DrainAsync(QueueNames.Sites, m => app.Function<IngestSiteFunction>().Run(m, default));

        Assert.Equal(5, deliveries);
        Assert.Equal("site.document-missing", Assert.Single(await app.Get<PoisonStore>().ListAsync(QueueNames.Sites)).Code);
    }

    // The bundled demo's site object, as an operator would send it (its base-load forecast becomes a setting).
    private static string SiteMessage(Action<JsonObject> change, string id = "site-1")
    {
        var scenario = JsonNode.Parse(File.ReadAllText(Path.Combine(AzuriteInstall.RepositoryRoot(), "Scheduler.Cli", "Samples", "demo-scenario.json")))!.AsObject();
        var site = scenario["site"]!.AsObject();
        site.Remove("baseLoadKw");
        site["id"] = "vienna-depot";
        var message = new JsonObject { ["type"] = "site", ["version"] = 1, ["id"] = id, ["site"] = site.DeepClone() };
        change(message);
        return message.ToJsonString();
    }

    // Overlays a patch: objects merge, and array items merge by index.
    private static void Merge(JsonNode target, JsonNode patch)
    {
        if (patch is JsonObject patchObject && target is JsonObject targetObject)
        {
            foreach (var (key, value) in patchObject)
            {
                if (targetObject[key] is { } existing && value is JsonObject or JsonArray)
                {
                    Merge(existing, value);
                }
                else
                {
                    targetObject[key] = value?.DeepClone();
                }
            }
        }
        else if (patch is JsonArray patchArray && target is JsonArray targetArray)
        {
            for (var i = 0; i < patchArray.Count; i++)
            {
                Merge(targetArray[i]!, patchArray[i]!);
            }
        }
    }
}
