using NodaTime;
using Scheduler.Functions.Triggers;
using Scheduler.Functions.Queues;
using Scheduler.Functions.Sessions;
using Scheduler.Functions.Sites;
using Scheduler.Protocols.Messages;
using Scheduler.Tests.Storage;

namespace Scheduler.Tests.Functions.Triggers;

[Collection("Azurite")]
public sealed class IngestSessionEventFunctionTests(AzuriteFixture azurite)
{
    private static readonly Instant Now = Instant.FromUtc(2026, 3, 10, 12, 0);

    [Fact]
    public async Task Run_StartMeterStop_SessionFollowsAndEachAsksForReplan()
    {
        await using var app = await StartAsync();
        await app.SendAsync(QueueNames.SessionEvents, TestMessages.Started("e-1", "depot-1", "cp-1", "tx-1", Now, 1_000, "van-7"));
        await app.SendAsync(QueueNames.SessionEvents, TestMessages.MeterValues("e-2", "depot-1", "cp-1", "tx-1", Now + Duration.FromMinutes(15), 3_500));

        await DrainAsync(app);

        var running = (await app.Get<SessionStore>().GetAsync("depot-1", "cp-1:tx-1"))!;
        Assert.True(running.IsActive);
        Assert.Equal("van-7", running.VehicleId);
        Assert.Equal(2.5, running.MeteredKwh!.Value, 9);
        Assert.Single(await app.Get<SessionStore>().ListActiveAsync("depot-1"));
        Assert.Equal(2, (await app.PeekAsync(QueueNames.PlanRequests)).Count);

        await app.SendAsync(QueueNames.SessionEvents, TestMessages.Stopped("e-3", "depot-1", "cp-1", "tx-1", Now + Duration.FromHours(1), 9_000));
        await DrainAsync(app);

        var stopped = (await app.Get<SessionStore>().GetAsync("depot-1", "cp-1:tx-1"))!;
        Assert.False(stopped.IsActive);
        Assert.Equal(8, stopped.MeteredKwh!.Value, 9);
        Assert.Empty(await app.Get<SessionStore>().ListActiveAsync("depot-1"));
    }

    [Fact]
    public async Task Run_EventsOutOfOrder_StartStillFixesArrivalAndOlderMeterValueIgnored()
    {
        await using var app = await StartAsync();
        await app.SendAsync(QueueNames.SessionEvents, TestMessages.MeterValues("e-2", "depot-1", "cp-1", "tx-1", Now + Duration.FromMinutes(30), 5_000));
        await app.SendAsync(QueueNames.SessionEvents, TestMessages.MeterValues("e-1", "depot-1", "cp-1", "tx-1", Now + Duration.FromMinutes(15), 3_000));
        await app.SendAsync(QueueNames.SessionEvents, TestMessages.Started("e-0", "depot-1", "cp-1", "tx-1", Now, 1_000));

        await DrainAsync(app);

        var session = (await app.Get<SessionStore>().GetAsync("depot-1", "cp-1:tx-1"))!;
        Assert.Equal(Now, session.Arrival);
        Assert.Equal(5_000, session.MeterLastWh);
        Assert.Equal(4, session.MeteredKwh!.Value, 9);
    }

    [Fact]
    public async Task Apply_ManyConcurrentEventsForOneSession_NoneLost()
    {
        await using var app = await StartAsync();
        var store = app.Get<SessionStore>();
        await store.ApplyAsync(new SessionEventMessage("e-0", "depot-1", SessionEventKind.Started, "cp-1", "tx-1", Now, 0));
        var events = Enumerable.Range(1, 20)
            .Select(i => new SessionEventMessage($"e-{i}", "depot-1", SessionEventKind.MeterValues, "cp-1", "tx-1", Now + Duration.FromMinutes(i), i * 100))
            .Append(new SessionEventMessage("e-stop", "depot-1", SessionEventKind.Stopped, "cp-1", "tx-1", Now + Duration.FromMinutes(30), 3_000))
            .Append(new SessionEventMessage("e-vehicle", "depot-1", SessionEventKind.MeterValues, "cp-1", "tx-1", Now + Duration.FromSeconds(30), 50, vehicleId: "van-9"));

        await Task.WhenAll(events.Select(e => Task.Run(() => store.ApplyAsync(e))));

        var session = (await store.GetAsync("depot-1", "cp-1:tx-1"))!;
        Assert.Equal(3_000, session.MeterLastWh);
        Assert.Equal(Now + Duration.FromMinutes(30), session.StoppedAt);
        Assert.Equal("van-9", session.VehicleId);
        Assert.Equal(0, session.MeterStartWh);
    }

    [Fact]
    public async Task Run_NewTransactionOnHeldCharger_ReleasesTheHold()
    {
        await using var app = await StartAsync();
        await app.Get<SiteStore>().HoldChargerAsync("depot-1", "cp-1", "tx-1", "Rejected: TxNotFound", Now);
        await app.SendAsync(QueueNames.SessionEvents, TestMessages.Started("e-1", "depot-1", "cp-1", "tx-2", Now + Duration.FromHours(2)));

        await DrainAsync(app);

        Assert.Null((await app.Get<SiteStore>().GetAsync("depot-1"))!.Chargers.Single(c => c.Id == "cp-1").HeldTransactionId);
    }

    [Fact]
    public async Task Run_UnknownChargerOrMissingMeter_RecordedInThePoisonTableWithTheirText()
    {
        await using var app = await StartAsync();
        await app.SendAsync(QueueNames.SessionEvents, TestMessages.Started("e-1", "depot-1", "cp-99", "tx-1", Now));
        await app.SendAsync(QueueNames.SessionEvents, TestMessages.MeterValues("e-2", "depot-1", "cp-1", "tx-1", Now, 10).Replace(",\"meterWh\":10", string.Empty, StringComparison.Ordinal));

        await DrainAsync(app);

        var records = await app.Get<PoisonStore>().ListAsync(QueueNames.SessionEvents);
        Assert.Equal(["charger.unknown", "meter.missing"], records.Select(r => r.Code).Order(StringComparer.Ordinal));
        Assert.All(records, r => Assert.Contains("\"type\":\"session-event\"", r.Text, StringComparison.Ordinal));
    }

    private static Task DrainAsync(AppHarness app) =>
        app.DrainAsync(QueueNames.SessionEvents, m => app.Function<IngestSessionEventFunction>().Run(m, default));

    private async Task<AppHarness> StartAsync()
    {
        var app = await AppHarness.StartAsync(azurite, Now);
        await app.Get<SiteStore>().UpsertAsync(TestSites.Depot());
        return app;
    }
}
