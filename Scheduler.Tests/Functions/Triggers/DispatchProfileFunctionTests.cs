using System.Text.Json.Nodes;
using NodaTime;
using Scheduler.Functions.Departures;
using Scheduler.Functions.Dispatch;
using Scheduler.Functions.Triggers;
using Scheduler.Functions.Planning;
using Scheduler.Functions.Queues;
using Scheduler.Functions.Sessions;
using Scheduler.Functions.Sites;
using Scheduler.Protocols.Messages;
using Scheduler.Tests.Functions.Fakes;
using Scheduler.Tests.Storage;

namespace Scheduler.Tests.Functions.Triggers;

[Collection("Azurite")]
public sealed class DispatchProfileFunctionTests(AzuriteFixture azurite)
{
    private static readonly Instant Now = Instant.FromUtc(2026, 3, 10, 12, 0);

    private static readonly Dictionary<string, string?> QuickCsms = new()
    {
        ["Csms:Attempts"] = "1",
        ["Csms:AttemptTimeout"] = "00:00:00.300",
        ["Csms:TotalTimeout"] = "00:00:01",
        // Retries here come back at once: a breaker would open within the test and turn them into "circuit open".
        ["Csms:BreakerMinimumThroughput"] = "10000",
    };

    [Fact]
    public async Task Run_CsmsAccepts_EveryProfileSchemaValidAndRecordedAccepted()
    {
        await using var csms = await FakeCsmsServer.StartAsync();
        await using var app = await StartAsync(csms);
        await StartSessionAsync(app, "cp-1", "tx-1");
        await PlanAsync(app, "r-1");

        await DispatchAllAsync(app);

        Assert.Equal(5, csms.Requests.Count);
        Assert.All(csms.Requests, r => Assert.True(r.IsValid, string.Join("; ", r.Violations)));
        Assert.Contains(csms.Requests, r => r.StationId == "CS/01" && r.Body.Contains("\"transactionId\":\"tx-1\"", StringComparison.Ordinal));
        Assert.All(await app.Get<DispatchStore>().ListAsync("depot-1"), r => Assert.Equal(DispatchState.Accepted, r.State));
    }

    [Fact]
    public async Task Run_ChargerRejects_HeldAtFailSafeAndSiteReplannedWithoutIt()
    {
        await using var csms = await FakeCsmsServer.StartAsync();
        csms.Answer("CS/01", FakeCsmsBehaviour.Rejected("TxNotFound", "no such transaction"));
        await using var app = await StartAsync(csms);
        await StartSessionAsync(app, "cp-1", "tx-1");
        await StartSessionAsync(app, "cp-2", "tx-2");
        await PlanAsync(app, "r-1");

        await DispatchAllAsync(app);

        var record = (await app.Get<DispatchStore>().GetAsync("depot-1", "cp-1", "TxProfile"))!;
        Assert.Equal(DispatchState.Rejected, record.State);
        Assert.Contains("TxNotFound", record.Reason, StringComparison.Ordinal);
        Assert.Equal("tx-1", (await app.Get<SiteStore>().GetAsync("depot-1"))!.Chargers.Single(c => c.Id == "cp-1").HeldTransactionId);
        var replan = Assert.Single(await app.PeekAsync(QueueNames.PlanRequests));
        Assert.Contains("dispatch-rejected", replan, StringComparison.Ordinal);

        app.Clock.Advance(Duration.FromSeconds(10));
        await app.DrainAsync(QueueNames.PlanRequests, m => app.Function<PlanSiteFunction>().Run(m, default));

        var inputs = PlanInputs.FromJson((await app.Get<PlanStore>().GetLatestAsync("depot-1"))!.Value.Plan.InputsJson);
        var held = Assert.Single(inputs.HeldChargers);
        Assert.Equal("cp-1", held.ChargerId);
        Assert.True(held.FailSafeCurrentA > 0);
        Assert.Equal(["cp-2:tx-2"], inputs.Sessions.Select(s => s.SessionId));
    }

    [Fact]
    public async Task Run_CsmsAnswers503Twice_SentAgainAndAccepted()
    {
        await using var csms = await FakeCsmsServer.StartAsync();
        csms.FailNext("CS/01", 2, 503);
        await using var app = await StartAsync(csms);
        await StartSessionAsync(app, "cp-1", "tx-1");
        await PlanAsync(app, "r-1");

        await DispatchAllAsync(app);

        Assert.Equal(DispatchState.Accepted, (await app.Get<DispatchStore>().GetAsync("depot-1", "cp-1", "TxProfile"))!.State);
        Assert.Empty(await app.Get<PoisonStore>().ListAsync(QueueNames.Dispatch));
    }

    [Fact]
    public async Task Run_CsmsDownLongerThanFiveDeliveries_SentAgainUntilItAnswersAndNeverHeld()
    {
        await using var csms = await FakeCsmsServer.StartAsync();
        csms.FailNext("CS/01", 12, 503);
        await using var app = await StartAsync(csms);
        await StartSessionAsync(app, "cp-1", "tx-1");
        await PlanAsync(app, "r-1");

        await DispatchAllAsync(app);

        // The station gets its TxProfile and its fail-safe default: twelve sends between them go unanswered.
        var records = (await app.Get<DispatchStore>().ListAsync("depot-1")).Where(r => r.ChargerId == "cp-1").ToList();
        Assert.All(records, r => Assert.Equal(DispatchState.Accepted, r.State));
        Assert.Equal(12, records.Sum(r => r.Unanswered));
        Assert.Equal(14, csms.Requests.Count(r => r.StationId == "CS/01"));
        Assert.Null((await app.Get<SiteStore>().GetChargerAsync("depot-1", "cp-1"))!.HeldTransactionId);
    }

    [Fact]
    public async Task Run_SessionEndsWhileTheCsmsIsDown_RetriesStopAndNothingIsHeld()
    {
        await using var csms = await FakeCsmsServer.StartAsync();
        await using var app = await PlanWhileTheCsmsIsDownAsync(csms);

        await app.Get<SessionStore>().ApplyAsync(new SessionEventMessage("stop-1", "depot-1", SessionEventKind.Stopped, "cp-1", "tx-1", Now + Duration.FromMinutes(1), 2000));
        csms.FailNext("CS/01", 0);
        await DispatchAllAsync(app);

        Assert.Equal(DispatchState.Skipped, (await app.Get<DispatchStore>().GetAsync("depot-1", "cp-1", "TxProfile"))!.State);
        Assert.Null((await app.Get<SiteStore>().GetChargerAsync("depot-1", "cp-1"))!.HeldTransactionId);
    }

    [Fact]
    public async Task Run_NoAnswerForLongerThanRetriesGoOn_FailedButNotHeld()
    {
        await using var csms = await FakeCsmsServer.StartAsync();
        await using var app = await PlanWhileTheCsmsIsDownAsync(csms);

        app.Clock.Advance(Duration.FromHours(25));
        await DispatchAllAsync(app);

        var record = (await app.Get<DispatchStore>().GetAsync("depot-1", "cp-1", "TxProfile"))!;
        Assert.Equal(DispatchState.Failed, record.State);
        Assert.Contains("HTTP 503", record.Reason, StringComparison.Ordinal);
        Assert.Null((await app.Get<SiteStore>().GetChargerAsync("depot-1", "cp-1"))!.HeldTransactionId);
    }

    [Fact]
    public async Task Run_OneStationAlwaysAnswers500_ItsNeighboursAcceptedAndNobodyHeld()
    {
        await using var csms = await FakeCsmsServer.StartAsync();
        csms.FailNext("CS/01", 1000, 500);
        await using var app = await StartAsync(csms, new Dictionary<string, string?> { ["Csms:BreakerMinimumThroughput"] = "2" });
        foreach (var i in new[] { 1, 2, 3 })
        {
            await StartSessionAsync(app, $"cp-{i}", $"tx-{i}");
        }

        await PlanAsync(app, "r-1");

        await app.DrainAsync(QueueNames.Dispatch, m => app.Function<DispatchProfileFunction>().Run(m, default), maxDeliveries: 60);

        var records = await app.Get<DispatchStore>().ListAsync("depot-1");
        Assert.All(records.Where(r => r.ChargerId != "cp-1"), r => Assert.Equal(DispatchState.Accepted, r.State));
        Assert.All(records.Where(r => r.ChargerId == "cp-1"), r => Assert.Equal(DispatchState.Pending, r.State));
        Assert.All((await app.Get<SiteStore>().GetAsync("depot-1"))!.Chargers, c => Assert.Null(c.HeldTransactionId));
    }

    [Fact]
    public async Task Run_OlderProfileStalledBeforeItsSend_OnlyTheNewerReachesTheCharger()
    {
        await using var csms = await FakeCsmsServer.StartAsync();
        await using var app = await StartAsync(csms);
        await StartSessionAsync(app, "cp-1", "tx-1");
        await SetDepartureAsync(app, "d-1", 10);
        await PlanAsync(app, "r-1");
        var older = await TakeTxProfileMessageAsync(app);

        // The older plan's send stalls after its freshness check (here, at its last read before the send).
        var stall = app.Storage.Pause(c => c.Resource == "Sessions" && c.Method == "GET");
        var olderSend = app.Function<DispatchProfileFunction>().Run(older, default);
        await stall.Reached;
        await ReplanWithNewDepartureAsync(app);
        await DispatchAllAsync(app);
        stall.Open();
        await olderSend;
        await DispatchAllAsync(app);

        await AssertTheNewestIsOnTheChargerAsync(app, csms);
    }

    [Fact]
    public async Task Run_OlderProfileLandsAfterTheNewer_TheNewerIsSentAgain()
    {
        await using var csms = await FakeCsmsServer.StartAsync();
        await using var app = await StartAsync(csms);
        await StartSessionAsync(app, "cp-1", "tx-1");
        await SetDepartureAsync(app, "d-1", 10);
        await PlanAsync(app, "r-1");
        var older = await TakeTxProfileMessageAsync(app);

        // The older send passes its last check (the record's read before the attempt) and then stalls past its lease.
        var stall = app.Storage.Pause(c => c.Resource == "Dispatches" && c.Method == "GET", skip: 1, afterStorage: true);
        var olderSend = app.Function<DispatchProfileFunction>().Run(older, default);
        await stall.Reached;
        app.Clock.Advance(Duration.FromMinutes(2));
        await ReplanWithNewDepartureAsync(app);
        await DispatchAllAsync(app);
        stall.Open();
        await olderSend;
        await DispatchAllAsync(app);

        await AssertTheNewestIsOnTheChargerAsync(app, csms);
        Assert.Contains(app.Logs.Lines, l => l.Text.Contains("landed after", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Run_SessionEndedBeforeDispatch_SkippedWithoutCallingTheCsms()
    {
        await using var csms = await FakeCsmsServer.StartAsync();
        await using var app = await StartAsync(csms);
        await StartSessionAsync(app, "cp-1", "tx-1");
        await PlanAsync(app, "r-1");
        await app.Get<SessionStore>().ApplyAsync(new SessionEventMessage("stop-1", "depot-1", SessionEventKind.Stopped, "cp-1", "tx-1", Now + Duration.FromMinutes(1), 2000));

        await DispatchAllAsync(app);

        Assert.DoesNotContain(csms.Requests, r => r.Body.Contains("TxProfile", StringComparison.Ordinal) && r.StationId == "CS/01" && r.Body.Contains("tx-1", StringComparison.Ordinal));
        var record = (await app.Get<DispatchStore>().GetAsync("depot-1", "cp-1", "TxProfile"))!;
        Assert.Equal(DispatchState.Skipped, record.State);
    }

    [Fact]
    public async Task Run_MessageOfAnOlderPlan_DroppedWithoutCallingTheCsms()
    {
        await using var csms = await FakeCsmsServer.StartAsync();
        await using var app = await StartAsync(csms);
        await StartSessionAsync(app, "cp-1", "tx-1");
        await PlanAsync(app, "r-1");
        var old = (await app.Get<DispatchStore>().GetAsync("depot-1", "cp-1", "TxProfile"))!;
        await (await app.Get<QueueSender>().GetAsync(QueueNames.Dispatch)).ClearMessagesAsync();
        await app.Get<DispatchStore>().SetDesiredAsync("depot-1", old with { PlanId = "newer", PlannedAt = Now + Duration.FromMinutes(1) });
        await app.SendAsync(QueueNames.Dispatch, QueueMessageWriter.Write(new DispatchMessage("x-1", "depot-1", old.PlanId, "cp-1", Scheduler.Protocols.Ocpp.ChargingProfilePurpose.TxProfile, "cp-1:tx-1")));

        await DispatchAllAsync(app);

        Assert.Empty(csms.Requests);
        Assert.Contains(app.Logs.Lines, l => l.Text.Contains("superseded by plan newer", StringComparison.Ordinal));
    }

    // A session on cp-1, its plan, and twenty sends to a CSMS that answers none of them.
    private async Task<AppHarness> PlanWhileTheCsmsIsDownAsync(FakeCsmsServer csms)
    {
        csms.FailNext("CS/01", 1000, 503);
        var app = await StartAsync(csms);
        await StartSessionAsync(app, "cp-1", "tx-1");
        await PlanAsync(app, "r-1");
        await app.DrainAsync(QueueNames.Dispatch, m => app.Function<DispatchProfileFunction>().Run(m, default), maxDeliveries: 20);
        return app;
    }

    private static async Task AssertTheNewestIsOnTheChargerAsync(AppHarness app, FakeCsmsServer csms)
    {
        var record = (await app.Get<DispatchStore>().GetAsync("depot-1", "cp-1", "TxProfile"))!;
        var newest = (await app.Get<PlanStore>().GetLatestAsync("depot-1"))!.Value.Plan.PlanId;
        Assert.Equal((newest, DispatchState.Accepted, newest), (record.PlanId, record.State, record.AppliedPlanId));
        var last = csms.Requests.Last(r => r.StationId == "CS/01" && r.Body.Contains("TxProfile", StringComparison.Ordinal));
        Assert.Equal(JsonNode.Parse(record.PayloadJson)!.ToJsonString(), JsonNode.Parse(last.Body)!.ToJsonString());
    }

    private static async Task<Azure.Storage.Queues.Models.QueueMessage> TakeTxProfileMessageAsync(AppHarness app)
    {
        // The plan's other profiles (the fail-safe defaults) go out first.
        var others = new List<Azure.Storage.Queues.Models.QueueMessage>();
        Azure.Storage.Queues.Models.QueueMessage? tx = null;
        while (await app.ReceiveAsync(QueueNames.Dispatch) is { } message)
        {
            if (message.Body.ToString().Contains("\"purpose\":\"TxProfile\"", StringComparison.Ordinal))
            {
                tx = message;
            }
            else
            {
                others.Add(message);
            }
        }

        foreach (var other in others)
        {
            await app.Function<DispatchProfileFunction>().Run(other, default);
            await app.Queues.GetQueueClient(QueueNames.Dispatch).DeleteMessageAsync(other.MessageId, other.PopReceipt);
        }

        await app.Queues.GetQueueClient(QueueNames.Dispatch).DeleteMessageAsync(tx!.MessageId, tx.PopReceipt);
        return tx;
    }

    private static async Task ReplanWithNewDepartureAsync(AppHarness app)
    {
        app.Clock.Advance(Duration.FromMinutes(1));
        await SetDepartureAsync(app, "d-2", 25);
        await PlanAsync(app, "r-2");
    }

    private static async Task SetDepartureAsync(AppHarness app, string id, double energyKwh)
    {
        var now = app.Clock.GetCurrentInstant();
        await app.Get<DepartureStore>().SetAsync(new DepartureMessage(id, "depot-1", "cp-1:tx-1", null, Now + Duration.FromHours(4), energyKwh, now), now);
    }

    private static Task DispatchAllAsync(AppHarness app) =>
        app.DrainAsync(QueueNames.Dispatch, m => app.Function<DispatchProfileFunction>().Run(m, default));

    private static async Task PlanAsync(AppHarness app, string requestId)
    {
        await app.SendAsync(QueueNames.PlanRequests, TestMessages.PlanRequest(requestId, "depot-1", app.Clock.GetCurrentInstant()));
        await app.DrainAsync(QueueNames.PlanRequests, m => app.Function<PlanSiteFunction>().Run(m, default));
    }

    private static Task StartSessionAsync(AppHarness app, string chargerId, string transactionId) =>
        app.Get<SessionStore>().ApplyAsync(new SessionEventMessage($"s-{transactionId}", "depot-1", SessionEventKind.Started, chargerId, transactionId, Now - Duration.FromMinutes(10), 0));

    private async Task<AppHarness> StartAsync(FakeCsmsServer csms, IReadOnlyDictionary<string, string?>? more = null)
    {
        var settings = new Dictionary<string, string?>(QuickCsms);
        foreach (var (key, value) in more ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        var app = await AppHarness.StartAsync(azurite, Now, settings);
        await app.Get<SiteStore>().UpsertAsync(TestSites.Depot(settings: TestSites.WithCsms(csms.BaseUrl)));
        return app;
    }
}
