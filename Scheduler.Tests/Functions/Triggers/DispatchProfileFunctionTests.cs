using NodaTime;
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
    public async Task Run_CsmsDownForTwoDeliveries_ThirdDeliversAndNothingIsLost()
    {
        await using var csms = await FakeCsmsServer.StartAsync();
        csms.FailNext("CS/01", 2, 503);
        await using var app = await StartAsync(csms);
        await StartSessionAsync(app, "cp-1", "tx-1");
        await PlanAsync(app, "r-1");

        await DispatchAllAsync(app);

        Assert.Equal(DispatchState.Accepted, (await app.Get<DispatchStore>().GetAsync("depot-1", "cp-1", "TxProfile"))!.State);
        Assert.Empty(await app.PeekAsync(QueueNames.PoisonOf(QueueNames.Dispatch)));
    }

    [Fact]
    public async Task Run_CsmsNeverAnswers_FailedOnTheLastDeliveryAndChargerHeld()
    {
        await using var csms = await FakeCsmsServer.StartAsync();
        csms.Answer("CS/01", FakeCsmsBehaviour.Hang);
        await using var app = await StartAsync(csms);
        await StartSessionAsync(app, "cp-1", "tx-1");
        await PlanAsync(app, "r-1");

        await DispatchAllAsync(app);

        var record = (await app.Get<DispatchStore>().GetAsync("depot-1", "cp-1", "TxProfile"))!;
        Assert.Equal(DispatchState.Failed, record.State);
        Assert.Contains("no answer after 5 deliveries", record.Reason, StringComparison.Ordinal);
        Assert.Equal("tx-1", (await app.Get<SiteStore>().GetAsync("depot-1"))!.Chargers.Single(c => c.Id == "cp-1").HeldTransactionId);
        Assert.Empty(await app.PeekAsync(QueueNames.PoisonOf(QueueNames.Dispatch)));
        csms.ReleaseHung("CS/01");
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

    private static Task DispatchAllAsync(AppHarness app) =>
        app.DrainAsync(QueueNames.Dispatch, m => app.Function<DispatchProfileFunction>().Run(m, default));

    private static async Task PlanAsync(AppHarness app, string requestId)
    {
        await app.SendAsync(QueueNames.PlanRequests, TestMessages.PlanRequest(requestId, "depot-1", app.Clock.GetCurrentInstant()));
        await app.DrainAsync(QueueNames.PlanRequests, m => app.Function<PlanSiteFunction>().Run(m, default));
    }

    private static Task StartSessionAsync(AppHarness app, string chargerId, string transactionId) =>
        app.Get<SessionStore>().ApplyAsync(new SessionEventMessage($"s-{transactionId}", "depot-1", SessionEventKind.Started, chargerId, transactionId, Now - Duration.FromMinutes(10), 0));

    private async Task<AppHarness> StartAsync(FakeCsmsServer csms)
    {
        var app = await AppHarness.StartAsync(azurite, Now, QuickCsms);
        await app.Get<SiteStore>().UpsertAsync(TestSites.Depot(settings: TestSites.WithCsms(csms.BaseUrl)));
        return app;
    }
}
