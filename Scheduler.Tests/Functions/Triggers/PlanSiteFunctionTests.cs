using System.Text.Json;
using NodaTime;
using Scheduler.Functions.Departures;
using Scheduler.Functions.Dispatch;
using Scheduler.Functions.Triggers;
using Scheduler.Functions.Planning;
using Scheduler.Functions.Queues;
using Scheduler.Functions.Sessions;
using Scheduler.Functions.Signals;
using Scheduler.Functions.Sites;
using Scheduler.Functions.Tariffs;
using Scheduler.Protocols.Messages;
using Scheduler.Protocols.Plans;
using Scheduler.Tests.Functions.Fakes;
using Scheduler.Tests.Storage;

namespace Scheduler.Tests.Functions.Triggers;

[Collection("Azurite")]
public sealed class PlanSiteFunctionTests(AzuriteFixture azurite)
{
    // Tuesday 2026-03-10, 13:00 in Amsterdam.
    private static readonly Instant Now = Instant.FromUtc(2026, 3, 10, 12, 0);

    [Fact]
    public async Task Run_SiteWithSessions_StoresValidPlanWithInputsAndQueuesEveryProfile()
    {
        await using var app = await StartAsync(TestSites.WithCsms(new Uri("https://csms.example")));
        await StartSessionAsync(app, "cp-1", "tx-1", Now - Duration.FromHours(1));
        await StartSessionAsync(app, "cp-2", "tx-2", Now - Duration.FromMinutes(30));
        await app.Get<DepartureStore>().SetAsync(
            new DepartureMessage("d-1", "depot-1", "cp-1:tx-1", null, Now + Duration.FromHours(5), 25), Now);

        await PlanAsync(app, "r-1");

        var (plan, json) = (await app.Get<PlanStore>().GetLatestAsync("depot-1"))!.Value;
        Assert.Empty(PlanSchema.Validate(json));
        var inputs = PlanInputs.FromJson(plan.InputsJson);
        Assert.Equal("r-1", inputs.RequestId);
        Assert.Equal("none", inputs.PriceFallback);
        Assert.Equal(["cp-1:tx-1 driver driver", "cp-2:tx-2 default default"], inputs.Sessions.Select(s => $"{s.SessionId} {s.Departure} {s.Energy}"));
        using var document = JsonDocument.Parse(json);
        var sessions = document.RootElement.GetProperty("sessions").EnumerateArray().ToDictionary(s => s.GetProperty("id").GetString()!);
        // The driver asked for 25 kWh; by default the site tops the vehicle up beyond that where no limit rises.
        Assert.Equal(25, sessions["cp-1:tx-1"].GetProperty("requestedKwh").GetDouble(), 0.2);
        Assert.True(sessions["cp-1:tx-1"].GetProperty("deliveredKwh").GetDouble() > 26, "topped up beyond the request");
        // Nobody said when cp-2 leaves: the site's default, 07:30 on the next working day in Amsterdam, is its deadline.
        Assert.Equal("2026-03-11T07:30:00+01:00", sessions["cp-2:tx-2"].GetProperty("periods").EnumerateArray().Last().GetProperty("end").GetString());
        Assert.All(document.RootElement.GetProperty("siteLoad").EnumerateArray(), slot =>
            Assert.True(slot.GetProperty("kw").GetDouble() <= slot.GetProperty("limitKw").GetDouble() + 1e-6));
        // Two TxProfiles and a fail-safe TxDefaultProfile per charger.
        var dispatches = await app.PeekAsync(QueueNames.Dispatch);
        Assert.Equal(6, dispatches.Count);
        Assert.All(await app.Get<DispatchStore>().ListAsync("depot-1"), r => Assert.Equal(DispatchState.Pending, r.State));
    }

    [Fact]
    public async Task Run_SiteWithDepartureMargin_PlansToFinishEarlyAndRecordsIt()
    {
        // Without the top-up, which would charge from the arrival, the plan shows where the margin has it finish.
        await using var app = await StartAsync(TestSites.WithCsms(new Uri("https://csms.example")) with { DepartureMargin = 0.5, TopUpToFull = false });
        await StartSessionAsync(app, "cp-1", "tx-1", Now);
        await app.Get<DepartureStore>().SetAsync(new DepartureMessage("d-1", "depot-1", "cp-1:tx-1", null, Now + Duration.FromHours(4), 10), Now);

        await PlanAsync(app, "r-1");

        var (plan, json) = (await app.Get<PlanStore>().GetLatestAsync("depot-1"))!.Value;
        Assert.Equal("driver-hedged", Assert.Single(PlanInputs.FromJson(plan.InputsJson).Sessions).Departure);
        var allowed = PlannedEnergy.Read(json).EnergyKwh("cp-1:tx-1", Now, Now + Duration.FromHours(2));
        Assert.Equal(10, allowed, 0.2);
    }

    [Fact]
    public async Task Run_RequestOlderThanNewestPlan_Dropped()
    {
        await using var app = await StartAsync(TestSites.WithCsms(new Uri("https://csms.example")));
        await PlanAsync(app, "r-1");
        app.Clock.Advance(Duration.FromMinutes(1));

        await app.SendAsync(QueueNames.PlanRequests, TestMessages.PlanRequest("r-old", "depot-1", Now - Duration.FromSeconds(30)));
        await app.DrainAsync(QueueNames.PlanRequests, m => app.Function<PlanSiteFunction>().Run(m, default));

        var (plan, _) = (await app.Get<PlanStore>().GetLatestAsync("depot-1"))!.Value;
        Assert.Equal("r-1", plan.RequestId);
        Assert.Contains(app.Logs.Lines, l => l.Text.Contains("r-old", StringComparison.Ordinal) && l.Text.Contains("stale", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Run_ReplanWithNothingChangedAfterTheChargersAccepted_QueuesNoDispatch()
    {
        await using var csms = await FakeCsmsServer.StartAsync();
        await using var app = await StartAsync(TestSites.WithCsms(csms.BaseUrl));
        await StartSessionAsync(app, "cp-1", "tx-1", Now - Duration.FromHours(1));
        await PlanAsync(app, "r-1");
        await app.DrainAsync(QueueNames.Dispatch, m => app.Function<DispatchProfileFunction>().Run(m, default));

        app.Clock.Advance(Duration.FromMinutes(1));
        await PlanAsync(app, "r-2");

        Assert.Equal("r-2", (await app.Get<PlanStore>().GetLatestAsync("depot-1"))!.Value.Plan.RequestId);
        Assert.Empty(await app.PeekAsync(QueueNames.Dispatch));
    }

    [Fact]
    public async Task Run_ReplanWhileProfilesArePending_SendsThemAgainUnderTheNewPlan()
    {
        await using var app = await StartAsync(TestSites.WithCsms(new Uri("https://csms.example")));
        await StartSessionAsync(app, "cp-1", "tx-1", Now - Duration.FromHours(1));
        await PlanAsync(app, "r-1");
        await (await app.Get<QueueSender>().GetAsync(QueueNames.Dispatch)).ClearMessagesAsync();

        app.Clock.Advance(Duration.FromMinutes(1));
        await PlanAsync(app, "r-2");

        // Nothing says the first plan's messages were ever sent: the new plan sends its own.
        var planId = (await app.Get<PlanStore>().GetLatestAsync("depot-1"))!.Value.Plan.PlanId;
        Assert.Equal(5, (await app.PeekAsync(QueueNames.Dispatch)).Count(m => m.Contains(planId, StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Run_NoMeterValues_AssumesTheSessionDrewWhatThePlanAllowed()
    {
        await using var app = await StartAsync(TestSites.WithCsms(new Uri("https://csms.example")));
        await StartSessionAsync(app, "cp-1", "tx-1", Now);
        await app.Get<DepartureStore>().SetAsync(new DepartureMessage("d-1", "depot-1", "cp-1:tx-1", null, Now + Duration.FromHours(3), 20), Now);
        await PlanAsync(app, "r-1");
        var first = (await app.Get<PlanStore>().GetLatestAsync("depot-1"))!.Value.Json;
        var allowed = PlannedEnergy.Read(first).EnergyKwh("cp-1:tx-1", Now, Now + Duration.FromHours(1));

        app.Clock.Advance(Duration.FromHours(1));
        await PlanAsync(app, "r-2");

        var inputs = PlanInputs.FromJson((await app.Get<PlanStore>().GetLatestAsync("depot-1"))!.Value.Plan.InputsJson);
        var session = Assert.Single(inputs.Sessions);
        Assert.Equal("assumed", session.Delivered);
        Assert.True(allowed > 1, $"the first plan should charge in its first hour, allowed {allowed} kWh");
        Assert.Equal(allowed, session.DeliveredKwh, 0.01);
    }

    [Fact]
    public async Task Run_MeterValueAfterThePlan_CountsMeterThenPlan()
    {
        await using var app = await StartAsync(TestSites.WithCsms(new Uri("https://csms.example")));
        await StartSessionAsync(app, "cp-1", "tx-1", Now, meterWh: 100_000);
        await app.Get<DepartureStore>().SetAsync(new DepartureMessage("d-1", "depot-1", "cp-1:tx-1", null, Now + Duration.FromHours(3), 20), Now);
        await PlanAsync(app, "r-1");
        var first = (await app.Get<PlanStore>().GetLatestAsync("depot-1"))!.Value.Json;
        await app.Get<SessionStore>().ApplyAsync(new SessionEventMessage("m-1", "depot-1", SessionEventKind.MeterValues, "cp-1", "tx-1", Now + Duration.FromMinutes(30), 103_000));

        app.Clock.Advance(Duration.FromHours(1));
        await PlanAsync(app, "r-2");

        var inputs = PlanInputs.FromJson((await app.Get<PlanStore>().GetLatestAsync("depot-1"))!.Value.Plan.InputsJson);
        var session = Assert.Single(inputs.Sessions);
        Assert.Equal("meter", session.Delivered);
        var expected = 3 + PlannedEnergy.Read(first).EnergyKwh("cp-1:tx-1", Now + Duration.FromMinutes(30), Now + Duration.FromHours(1));
        Assert.Equal(expected, session.DeliveredKwh, 0.01);
    }

    [Fact]
    public async Task Run_VehicleStopsDrawingWhileAllowed_TreatedAsFullAndNothingMorePlanned()
    {
        await using var app = await StartAsync(TestSites.WithCsms(new Uri("https://csms.example")));
        await StartSessionAsync(app, "cp-1", "tx-1", Now, meterWh: 0);
        await app.Get<DepartureStore>().SetAsync(new DepartureMessage("d-1", "depot-1", "cp-1:tx-1", null, Now + Duration.FromHours(3), 20), Now);
        await PlanAsync(app, "r-1");
        var first = (await app.Get<PlanStore>().GetLatestAsync("depot-1"))!.Value.Json;
        Assert.True(PlannedEnergy.Read(first).EnergyKwh("cp-1:tx-1", Now, Now + Duration.FromMinutes(30)) > 1, "the first plan charges at once");
        await app.Get<SessionStore>().ApplyAsync(new SessionEventMessage("m-1", "depot-1", SessionEventKind.MeterValues, "cp-1", "tx-1", Now + Duration.FromMinutes(30), 4_000, powerW: 0));

        app.Clock.Advance(Duration.FromMinutes(31));
        await PlanAsync(app, "r-2");

        var (plan, json) = (await app.Get<PlanStore>().GetLatestAsync("depot-1"))!.Value;
        Assert.Equal("full", Assert.Single(PlanInputs.FromJson(plan.InputsJson).Sessions).Energy);
        using var document = JsonDocument.Parse(json);
        Assert.Equal(0, document.RootElement.GetProperty("sessions")[0].GetProperty("requestedKwh").GetDouble());
    }

    [Theory]
    [InlineData(2, null, "none", "feed:awattar")]
    [InlineData(3, "HTTP 503", "last-known", "feed:awattar")]
    [InlineData(30, "HTTP 503", "tou", "tou")]
    public async Task Run_TariffFeedHistory_PricesDegradeAsDocumented(int hoursSinceSuccess, string? lastError, string fallback, string firstSource)
    {
        var settings = TestSites.WithCsms(new Uri("https://csms.example")) with
        {
            TariffFeed = new TariffFeedSettings { Format = "awattar", Url = "https://feed.example/prices" },
        };
        await using var app = await StartAsync(settings);
        var fetchedAt = Now - Duration.FromHours(hoursSinceSuccess);
        await TestSites.StoreFeedPricesAsync(app.Get<TariffStore>(), "depot-1", Instant.FromUtc(2026, 3, 10, 0, 0), 48, fetchedAt);
        await app.Get<TariffStore>().WriteStatusAsync("depot-1", new TariffFeedStatus("feed:awattar", fetchedAt, Now - Duration.FromMinutes(5), lastError));
        await StartSessionAsync(app, "cp-1", "tx-1", Now);

        await PlanAsync(app, "r-1");

        var inputs = PlanInputs.FromJson((await app.Get<PlanStore>().GetLatestAsync("depot-1"))!.Value.Plan.InputsJson);
        Assert.Equal(fallback, inputs.PriceFallback);
        Assert.Equal(firstSource, inputs.Prices[0].Source);
    }

    [Fact]
    public async Task Run_FeedEndsBeforeTheDepartureWithoutTou_WindowCutAndRecorded()
    {
        var settings = new SiteSettings { TariffFeed = new TariffFeedSettings { Format = "awattar", Url = "https://feed.example/prices" } };
        await using var app = await StartAsync(settings);
        await TestSites.StoreFeedPricesAsync(app.Get<TariffStore>(), "depot-1", Instant.FromUtc(2026, 3, 10, 0, 0), 18, Now);
        await StartSessionAsync(app, "cp-1", "tx-1", Now);

        await PlanAsync(app, "r-1");

        var (plan, json) = (await app.Get<PlanStore>().GetLatestAsync("depot-1"))!.Value;
        Assert.Equal("provisional", PlanInputs.FromJson(plan.InputsJson).PriceFallback);
        using var document = JsonDocument.Parse(json);
        Assert.Equal("2026-03-10T19:00:00+01:00", document.RootElement.GetProperty("planning").GetProperty("end").GetString());
    }

    [Fact]
    public async Task Run_NoPricesAtAll_FlatPriceRecorded()
    {
        await using var app = await StartAsync(new SiteSettings());
        await StartSessionAsync(app, "cp-1", "tx-1", Now);

        await PlanAsync(app, "r-1");

        var inputs = PlanInputs.FromJson((await app.Get<PlanStore>().GetLatestAsync("depot-1"))!.Value.Plan.InputsJson);
        Assert.Equal("flat", inputs.PriceFallback);
    }

    [Fact]
    public async Task Run_DemandResponseLimitOnTheCheapestHours_LimitWinsOverPrice()
    {
        var settings = new SiteSettings { TariffFeed = new TariffFeedSettings { Format = "awattar", Url = "https://feed.example/prices" } };
        await using var app = await StartAsync(settings);
        // Cheap from 01:00 to 05:00 UTC; the utility caps the site at 8 kW from 00:00 to 06:00 UTC.
        await TestSites.StoreFeedPricesAsync(app.Get<TariffStore>(), "depot-1", Instant.FromUtc(2026, 3, 10, 0, 0), 48, Now);
        var drStart = Instant.FromUtc(2026, 3, 11, 0, 0);
        await app.Get<GridSignalStore>().PutAsync("depot-1", new StoredGridEvent("dr-1", TestMessages.CapacityEvent("dr-1", "depot-1", drStart, 6, 8, Now), Now, false, Now));
        foreach (var i in new[] { 1, 2, 3 })
        {
            await StartSessionAsync(app, $"cp-{i}", $"tx-{i}", Now);
        }

        await PlanAsync(app, "r-1");

        var (plan, json) = (await app.Get<PlanStore>().GetLatestAsync("depot-1"))!.Value;
        Assert.Equal(1, PlanInputs.FromJson(plan.InputsJson).GridEvents);
        using var document = JsonDocument.Parse(json);
        var capped = document.RootElement.GetProperty("siteLoad").EnumerateArray()
            .Where(s => Instant.FromDateTimeOffset(s.GetProperty("start").GetDateTimeOffset()) is var start && start >= drStart && start < drStart + Duration.FromHours(6))
            .ToList();
        Assert.Equal(24, capped.Count);
        Assert.All(capped, s => Assert.True(s.GetProperty("kw").GetDouble() <= 8 + 1e-6, $"{s.GetProperty("kw").GetDouble()} kW during the DR event"));
        Assert.Contains(capped, s => s.GetProperty("kw").GetDouble() > 4);
    }

    [Fact]
    public async Task Run_EveryChargerOfACircuitHeld_PlannedWithTheCircuitTakenUp()
    {
        // Four 16 A chargers on a 64 A feeder: their fail-safe currents of 16 A each take the whole feeder.
        await using var app = await AppHarness.StartAsync(azurite, Now);
        await app.Get<SiteStore>().UpsertAsync(TestSites.Depot(settings: TestSites.WithCsms(new Uri("https://csms.example"))) with { Circuits = [new CircuitRecord("feeder-a", null, 64)] });
        foreach (var i in new[] { 1, 2, 3, 4 })
        {
            await StartSessionAsync(app, $"cp-{i}", $"tx-{i}", Now - Duration.FromHours(1));
            await app.Get<SiteStore>().HoldChargerAsync("depot-1", $"cp-{i}", $"tx-{i}", "Rejected: TxNotFound", Now);
        }

        await PlanAsync(app, "r-1");

        var (plan, json) = (await app.Get<PlanStore>().GetLatestAsync("depot-1"))!.Value;
        var inputs = PlanInputs.FromJson(plan.InputsJson);
        Assert.Equal(4, inputs.HeldChargers.Count);
        Assert.Contains(inputs.Warnings, w => w.Contains("feeder-a", StringComparison.Ordinal));
        Assert.Empty(PlanSchema.Validate(json));
        Assert.Empty(await app.Get<PoisonStore>().ListAsync(QueueNames.PlanRequests));
    }

    [Fact]
    public async Task Run_CrashAfterThePlanIsStoredBeforeItsDispatch_TheRedeliveryDispatchesEveryProfile()
    {
        await using var csms = await FakeCsmsServer.StartAsync();
        await using var app = await StartAsync(TestSites.WithCsms(csms.BaseUrl));
        await StartSessionAsync(app, "cp-1", "tx-1", Now - Duration.FromHours(1));
        app.Storage.Throw(c => c.IsSend && c.Path.Contains(QueueNames.Dispatch, StringComparison.Ordinal), new SimulatedCrashException());

        await PlanAsync(app, "r-1");
        await app.DrainAsync(QueueNames.Dispatch, m => app.Function<DispatchProfileFunction>().Run(m, default));

        // One TxProfile and four fail-safe defaults, each sent once.
        Assert.Equal(5, csms.Requests.Count);
        Assert.All(await app.Get<DispatchStore>().ListAsync("depot-1"), r => Assert.Equal(DispatchState.Accepted, r.State));
        Assert.False((await app.Get<PlanStore>().GetLatestRowAsync("depot-1"))!.DispatchPending);
    }

    [Fact]
    public async Task Run_CrashOnEveryDeliveryAfterThePlanIsStored_TheNextRequestFinishesItsDispatch()
    {
        await using var csms = await FakeCsmsServer.StartAsync();
        await using var app = await StartAsync(TestSites.WithCsms(csms.BaseUrl));
        await StartSessionAsync(app, "cp-1", "tx-1", Now - Duration.FromHours(1));
        app.Storage.Throw(c => c.IsSend && c.Path.Contains(QueueNames.Dispatch, StringComparison.Ordinal), new SimulatedCrashException(), count: int.MaxValue);
        await PlanAsync(app, "r-1");
        Assert.Equal("r-1", (await app.Get<PlanStore>().GetLatestRowAsync("depot-1"))!.RequestId);

        app.Storage.ClearFaults();
        app.Clock.Advance(Duration.FromMinutes(15));
        await PlanAsync(app, "r-timer");
        await app.DrainAsync(QueueNames.Dispatch, m => app.Function<DispatchProfileFunction>().Run(m, default));

        Assert.Contains(csms.Requests, r => r.StationId == "CS/01" && r.Body.Contains("\"transactionId\":\"tx-1\"", StringComparison.Ordinal));
        Assert.All(await app.Get<DispatchStore>().ListAsync("depot-1"), r => Assert.Equal(DispatchState.Accepted, r.State));
    }

    [Fact]
    public async Task Run_PlannerClockAheadOfTheIngest_TheNewerDepartureIsStillPlanned()
    {
        await using var app = await StartAsync(TestSites.WithCsms(new Uri("https://csms.example")));
        await StartSessionAsync(app, "cp-1", "tx-1", Now - Duration.FromHours(1));
        // The planner's instance runs 3 s ahead: its plan is stamped after the departure below, which it never saw.
        app.Clock.Advance(Duration.FromSeconds(3));
        await PlanAsync(app, "r-1");
        app.Clock.Advance(Duration.FromSeconds(-3));

        await app.SendAsync(QueueNames.Departures, TestMessages.Departure("d-1", "depot-1", "cp-1:tx-1", Now + Duration.FromHours(5), 25));
        await app.DrainAsync(QueueNames.Departures, m => app.Function<IngestDepartureFunction>().Run(m, default));
        await app.DrainAsync(QueueNames.PlanRequests, m => app.Function<PlanSiteFunction>().Run(m, default));

        var inputs = PlanInputs.FromJson((await app.Get<PlanStore>().GetLatestAsync("depot-1"))!.Value.Plan.InputsJson);
        Assert.Equal("driver", Assert.Single(inputs.Sessions).Departure);
    }

    [Fact]
    public async Task Run_InputsLargerThanOneTableProperty_StoredAndReadBack()
    {
        // 220 sessions whose ids are as long as ids may be: their inputs record alone is over 64 KiB.
        var chargers = Enumerable.Range(0, 220).Select(i => new ChargerRecord { Id = $"{i:D3}".PadRight(SiteMessageReader.MaxChargerIdLength, 'c'), CircuitId = "main", MaxCurrentA = 16 }).ToList();
        var site = new SiteRecord("big", "Europe/Amsterdam", 230, 2000, TestSites.WithCsms(new Uri("https://csms.example")), [new CircuitRecord("main", null, 4000)], chargers);
        await using var app = await AppHarness.StartAsync(azurite, Now);
        await app.Get<SiteStore>().UpsertAsync(site);
        foreach (var charger in chargers)
        {
            await app.Get<SessionStore>().ApplyAsync(new SessionEventMessage($"s-{charger.Id[..3]}", "big", SessionEventKind.Started, charger.Id, Guid.NewGuid().ToString(), Now - Duration.FromHours(1), 0));
        }

        await app.SendAsync(QueueNames.PlanRequests, TestMessages.PlanRequest("r-1", "big", Now));
        await app.DrainAsync(QueueNames.PlanRequests, m => app.Function<PlanSiteFunction>().Run(m, default));

        var (plan, _) = (await app.Get<PlanStore>().GetLatestAsync("big"))!.Value;
        Assert.True(plan.InputsJson.Length > 32 * 1024, $"the inputs are {plan.InputsJson.Length} characters");
        Assert.Equal(220, PlanInputs.FromJson(plan.InputsJson).Sessions.Count);
        Assert.Empty(await app.Get<PoisonStore>().ListAsync(QueueNames.PlanRequests));
    }

    [Fact]
    public async Task Run_UnknownSite_Poisoned()
    {
        await using var app = await StartAsync(new SiteSettings());
        await app.SendAsync(QueueNames.PlanRequests, TestMessages.PlanRequest("r-x", "no-such-site", Now));

        await app.DrainAsync(QueueNames.PlanRequests, m => app.Function<PlanSiteFunction>().Run(m, default));

        Assert.Equal("site.unknown", Assert.Single(await app.Get<PoisonStore>().ListAsync(QueueNames.PlanRequests)).Code);
    }

    private static async Task PlanAsync(AppHarness app, string requestId)
    {
        await app.SendAsync(QueueNames.PlanRequests, TestMessages.PlanRequest(requestId, "depot-1", app.Clock.GetCurrentInstant()));
        await app.DrainAsync(QueueNames.PlanRequests, m => app.Function<PlanSiteFunction>().Run(m, default));
    }

    private static Task StartSessionAsync(AppHarness app, string chargerId, string transactionId, Instant at, double meterWh = 0) =>
        app.Get<SessionStore>().ApplyAsync(new SessionEventMessage($"s-{transactionId}", "depot-1", SessionEventKind.Started, chargerId, transactionId, at, meterWh));

    private async Task<AppHarness> StartAsync(SiteSettings settings)
    {
        var app = await AppHarness.StartAsync(azurite, Now);
        await app.Get<SiteStore>().UpsertAsync(TestSites.Depot(settings: settings));
        return app;
    }
}
