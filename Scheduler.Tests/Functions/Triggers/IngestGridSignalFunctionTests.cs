using NodaTime;
using Scheduler.Functions.Triggers;
using Scheduler.Functions.Planning;
using Scheduler.Functions.Queues;
using Scheduler.Functions.Sessions;
using Scheduler.Functions.Signals;
using Scheduler.Functions.Sites;
using Scheduler.Protocols.Messages;
using Scheduler.Tests.Storage;

namespace Scheduler.Tests.Functions.Triggers;

[Collection("Azurite")]
public sealed class IngestGridSignalFunctionTests(AzuriteFixture azurite)
{
    // Tuesday 2026-03-10, 13:00 in Amsterdam.
    private static readonly Instant Now = Instant.FromUtc(2026, 3, 10, 12, 0);

    // 20:00 to 02:00 in Amsterdam, inside the window of a session that leaves at the default 07:30.
    private static readonly Instant DrStart = Instant.FromUtc(2026, 3, 10, 19, 0);

    [Fact]
    public async Task Run_CapacityEvent_StoredAndReplanRequested()
    {
        await using var app = await StartAsync();
        await app.SendAsync(QueueNames.GridSignals, TestMessages.GridSignal("g-1", "depot-1", Capacity(8, Now)));

        await IngestAsync(app);

        var stored = Assert.Single(await app.Get<GridSignalStore>().ListAsync("depot-1"));
        Assert.Equal(("dr-1", Now, false), (stored.EventId, stored.ModifiedAt, stored.Deleted));
        var request = PlanRequestMessageReader.Read(Assert.Single(await app.PeekAsync(QueueNames.PlanRequests))).Message!;
        Assert.Equal(("depot-1", "grid-signal"), (request.SiteId, request.Reason));
    }

    [Fact]
    public async Task Run_CrashAfterTheEventIsStored_RedeliveryStillAsksForTheReplan()
    {
        await using var app = await StartAsync();
        app.Storage.Throw(c => c.IsSend && c.Path.Contains(QueueNames.PlanRequests, StringComparison.Ordinal), new SimulatedCrashException());
        await app.SendAsync(QueueNames.GridSignals, TestMessages.GridSignal("g-1", "depot-1", Capacity(8, Now)));

        var deliveries = await IngestAsync(app);

        Assert.Equal(2, deliveries);
        Assert.Single(await app.Get<GridSignalStore>().ListAsync("depot-1"));
        var request = PlanRequestMessageReader.Read(Assert.Single(await app.PeekAsync(QueueNames.PlanRequests))).Message!;
        Assert.Equal("grid-signal", request.Reason);
    }

    [Fact]
    public async Task Run_OlderModificationArrivesLater_Ignored()
    {
        await using var app = await StartAsync();
        var newer = Capacity(8, Now);
        await app.SendAsync(QueueNames.GridSignals, TestMessages.GridSignal("g-2", "depot-1", newer));
        await IngestAsync(app);
        await ClearPlanRequestsAsync(app);
        await app.SendAsync(QueueNames.GridSignals, TestMessages.GridSignal("g-1", "depot-1", Capacity(20, Now - Duration.FromHours(1))));

        await IngestAsync(app);

        var stored = Assert.Single(await app.Get<GridSignalStore>().ListAsync("depot-1"));
        Assert.Equal((newer, Now), (stored.EventJson, stored.ModifiedAt));
        Assert.Empty(await app.PeekAsync(QueueNames.PlanRequests));
    }

    [Fact]
    public async Task Run_Deletion_EventLeavesPlanning()
    {
        await using var app = await StartAsync();
        await app.Get<SessionStore>().ApplyAsync(new SessionEventMessage("s-1", "depot-1", SessionEventKind.Started, "cp-1", "tx-1", Now, 0));
        await app.SendAsync(QueueNames.GridSignals, TestMessages.GridSignal("g-1", "depot-1", Capacity(8, Now)));
        await IngestAsync(app);
        await PlanAsync(app);
        var before = await LatestInputsAsync(app);
        app.Clock.Advance(Duration.FromMinutes(1));
        await app.SendAsync(QueueNames.GridSignals, QueueMessageWriter.Write(new GridSignalMessage("g-del", "depot-1", """{"id":"dr-1"}""", deleted: true)));

        await IngestAsync(app);
        await PlanAsync(app);

        Assert.Equal(1, before.GridEvents);
        Assert.True(Assert.Single(await app.Get<GridSignalStore>().ListAsync("depot-1")).Deleted);
        Assert.Equal(0, (await LatestInputsAsync(app)).GridEvents);
    }

    [Fact]
    public async Task Run_EventWithoutIntervals_PoisonedAsInvalid()
    {
        await using var app = await StartAsync();
        var noIntervals = """
            {"id":"dr-1","programID":"dr-1","modificationDateTime":"2026-03-10T12:00:00Z",
             "payloadDescriptors":[{"objectType":"EVENT_PAYLOAD_DESCRIPTOR","payloadType":"IMPORT_CAPACITY_LIMIT","units":"KW"}],
             "intervalPeriod":{"start":"2026-03-10T19:00:00Z","duration":"PT6H"},"intervals":[]}
            """;
        await app.SendAsync(QueueNames.GridSignals, TestMessages.GridSignal("g-1", "depot-1", noIntervals));

        await IngestAsync(app);

        var poisoned = Assert.Single(await app.Get<PoisonStore>().ListAsync(QueueNames.GridSignals));
        Assert.Equal(("g-1", "event.invalid"), (poisoned.MessageId, poisoned.Code));
        Assert.Equal(TestMessages.GridSignal("g-1", "depot-1", noIntervals), poisoned.Text);
        Assert.Empty(await app.Get<GridSignalStore>().ListAsync("depot-1"));
        Assert.Empty(await app.PeekAsync(QueueNames.PlanRequests));
    }

    [Fact]
    public async Task Run_MessageOfAnotherType_Poisoned()
    {
        await using var app = await StartAsync();
        await app.SendAsync(QueueNames.GridSignals, TestMessages.PlanRequest("p-1", "depot-1", Now));

        await IngestAsync(app);

        var poisoned = Assert.Single(await app.Get<PoisonStore>().ListAsync(QueueNames.GridSignals));
        Assert.Equal(("p-1", MessageErrorCodes.TypeMismatch), (poisoned.MessageId, poisoned.Code));
        Assert.Empty(await app.Get<GridSignalStore>().ListAsync("depot-1"));
    }

    private static string Capacity(double limitKw, Instant modified) => TestMessages.CapacityEvent("dr-1", "depot-1", DrStart, 6, limitKw, modified);

    private static Task<int> IngestAsync(AppHarness app) =>
        app.DrainAsync(QueueNames.GridSignals, m => app.Function<IngestGridSignalFunction>().Run(m, default));

    private static Task<int> PlanAsync(AppHarness app) =>
        app.DrainAsync(QueueNames.PlanRequests, m => app.Function<PlanSiteFunction>().Run(m, default));

    private static async Task<PlanInputs> LatestInputsAsync(AppHarness app) =>
        PlanInputs.FromJson((await app.Get<PlanStore>().GetLatestAsync("depot-1"))!.Value.Plan.InputsJson);

    private static async Task ClearPlanRequestsAsync(AppHarness app) =>
        await (await app.Get<QueueSender>().GetAsync(QueueNames.PlanRequests)).ClearMessagesAsync();

    private async Task<AppHarness> StartAsync()
    {
        var app = await AppHarness.StartAsync(azurite, Now);
        await app.Get<SiteStore>().UpsertAsync(TestSites.Depot());
        return app;
    }
}
