using System.Text.Json;
using System.Text.Json.Nodes;
using NodaTime;
using Scheduler.Functions.Departures;
using Scheduler.Functions.Ingest;
using Scheduler.Functions.Planning;
using Scheduler.Functions.Queues;
using Scheduler.Functions.Sessions;
using Scheduler.Functions.Sites;
using Scheduler.Functions.Triggers;
using Scheduler.Protocols.Messages;
using Scheduler.Protocols.Ocpp;
using Scheduler.Protocols.Plans;
using Scheduler.Tests.Storage;

namespace Scheduler.Tests.Functions.Sessions;

/// <summary>A vehicle's ISO 15118 charging needs, ingested as a session event, planned on Azurite.</summary>
[Collection("Azurite")]
public sealed class VehicleNeedsPlanningTests(AzuriteFixture azurite)
{
    // Tuesday 2026-03-10, 13:00 in Amsterdam.
    private static readonly Instant Now = Instant.FromUtc(2026, 3, 10, 12, 0);

    [Fact]
    public async Task Plan_VehicleNeeds_ReplaceTheChargerDefaultsAndBoundTheProfile()
    {
        await using var app = await StartAsync(new SiteSettings());
        await StartSessionAsync(app, "cp-1", "tx-1", Now - Duration.FromMinutes(5));
        await IngestAsync(app, Needs("n-1", Now, "AC_single_phase", departure: Now + Duration.FromHours(6), energyWh: 9000, minA: 8, maxA: 10, tuples: 3));

        var (inputs, plan) = await PlanAsync(app, "r-1");

        var session = Assert.Single(inputs.Sessions);
        Assert.Equal(("vehicle", "vehicle", "vehicle"), (session.Departure, session.Energy, session.Limits));
        Assert.Contains("limits from the vehicle: 1 phase, at most 10 A, at least 8 A, 3 schedule periods", session.Note, StringComparison.Ordinal);
        var planned = plan.GetProperty("sessions")[0];
        Assert.Equal(1, planned.GetProperty("phases").GetInt32());
        Assert.Equal(9, planned.GetProperty("requestedKwh").GetDouble(), 3);
        Assert.All(planned.GetProperty("periods").EnumerateArray(), p =>
            Assert.True(p.GetProperty("currentA").GetDouble() is 0 or (>= 8 and <= 10), $"{p.GetProperty("currentA").GetDouble()} A is outside the vehicle's 8 to 10 A"));
        var payload = TxProfilePayload(plan);
        Assert.True(payload["chargingProfile"]!["chargingSchedule"]![0]!["chargingSchedulePeriod"]!.AsArray().Count <= 3);
        Assert.All(ChargingProfileReader.Read(payload), i => Assert.True(i.LimitA is 0 or (>= 8 and <= 10)));
    }

    [Fact]
    public async Task Plan_VehicleSpokeAfterTheApp_PlansTheVehicleDepartureUntilTheAppSpeaksAgain()
    {
        await using var app = await StartAsync(new SiteSettings());
        await StartSessionAsync(app, "cp-1", "tx-1", Now - Duration.FromMinutes(30));
        await app.Get<DepartureStore>().SetAsync(new DepartureMessage("d-1", "depot-1", "cp-1:tx-1", null, Now + Duration.FromHours(8), 20, Now - Duration.FromMinutes(20)), Now);
        await IngestAsync(app, Needs("n-1", Now - Duration.FromMinutes(10), "AC_three_phase", departure: Now + Duration.FromHours(3), energyWh: 40_000));

        var (first, firstPlan) = await PlanAsync(app, "r-1");
        app.Clock.Advance(Duration.FromMinutes(5));
        await app.Get<DepartureStore>().SetAsync(new DepartureMessage("d-2", "depot-1", "cp-1:tx-1", null, Now + Duration.FromHours(8), 20, Now + Duration.FromMinutes(5)), Now + Duration.FromMinutes(5));
        var (second, secondPlan) = await PlanAsync(app, "r-2");

        Assert.Equal("vehicle", Assert.Single(first.Sessions).Departure);
        Assert.True(LastEnd(firstPlan) <= Now + Duration.FromHours(3), "the vehicle's departure is the deadline");
        Assert.Equal("driver", Assert.Single(second.Sessions).Departure);
        Assert.Contains("from the app", second.Sessions[0].Note, StringComparison.Ordinal);
        Assert.True(LastEnd(secondPlan) > Now + Duration.FromHours(3), "the app's later departure is planned once it is the newest");
    }

    [Fact]
    public async Task Plan_SiteTrustsTheDriver_KeepsTheAppDepartureOverANewerVehicleOne()
    {
        await using var app = await StartAsync(new SiteSettings { DepartureAuthority = DepartureAuthority.Driver });
        await StartSessionAsync(app, "cp-1", "tx-1", Now - Duration.FromMinutes(30));
        await app.Get<DepartureStore>().SetAsync(new DepartureMessage("d-1", "depot-1", "cp-1:tx-1", null, Now + Duration.FromHours(8), 20, Now - Duration.FromMinutes(20)), Now);
        await IngestAsync(app, Needs("n-1", Now - Duration.FromMinutes(10), "AC_three_phase", departure: Now + Duration.FromHours(3), energyWh: 40_000));

        var (inputs, _) = await PlanAsync(app, "r-1");

        Assert.Equal("driver", Assert.Single(inputs.Sessions).Departure);
        Assert.Contains("site rule 'driver'", inputs.Sessions[0].Note, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Plan_VehicleMaxCurrentBelowTheCharger_LimitsThePlan()
    {
        await using var app = await StartAsync(new SiteSettings());
        await StartSessionAsync(app, "cp-1", "tx-1", Now);
        await app.Get<DepartureStore>().SetAsync(new DepartureMessage("d-1", "depot-1", "cp-1:tx-1", null, Now + Duration.FromHours(2), 30), Now);

        var (_, without) = await PlanAsync(app, "r-1");
        app.Clock.Advance(Duration.FromMinutes(1));
        await IngestAsync(app, Needs("n-1", Now + Duration.FromMinutes(1), "AC_three_phase", departure: null, energyWh: 40_000, maxA: 6));
        var (inputs, with) = await PlanAsync(app, "r-2");

        Assert.Equal(16, MaxCurrent(without));
        Assert.Equal(6, MaxCurrent(with));
        Assert.Equal("vehicle", Assert.Single(inputs.Sessions).Limits);
        Assert.Equal("driver", inputs.Sessions[0].Energy);
    }

    [Fact]
    public async Task Ingest_OlderNeedsAfterNewer_KeepsTheNewer()
    {
        await using var app = await StartAsync(new SiteSettings());
        await StartSessionAsync(app, "cp-1", "tx-1", Now - Duration.FromMinutes(30));

        await IngestAsync(app, Needs("n-2", Now, "AC_three_phase", departure: null, energyWh: 10_000));
        await IngestAsync(app, Needs("n-1", Now - Duration.FromMinutes(10), "AC_three_phase", departure: null, energyWh: 50_000));

        var session = await app.Get<SessionStore>().GetAsync("depot-1", "cp-1:tx-1");
        Assert.Equal(10_000, session!.EvNeeds!.NeededWh);
        Assert.Equal(Now, session.EvNeedsAt);
    }

    private static double MaxCurrent(JsonElement plan) =>
        plan.GetProperty("sessions")[0].GetProperty("periods").EnumerateArray().Max(p => p.GetProperty("currentA").GetDouble());

    private static Instant LastEnd(JsonElement plan) =>
        NodaTime.Text.OffsetDateTimePattern.ExtendedIso.Parse(plan.GetProperty("sessions")[0].GetProperty("periods").EnumerateArray().Last().GetProperty("end").GetString()!).Value.ToInstant();

    private static JsonObject TxProfilePayload(JsonElement plan) =>
        JsonNode.Parse(plan.GetProperty("chargingProfiles").EnumerateArray().Single(p => p.GetProperty("purpose").GetString() == "TxProfile").GetProperty("payload").GetRawText())!.AsObject();

    internal static string Needs(string id, Instant at, string transfer, Instant? departure, int energyWh, int minA = 6, int maxA = 32, int? tuples = null)
    {
        var needs = new JsonObject
        {
            ["requestedEnergyTransfer"] = transfer,
            ["acChargingParameters"] = new JsonObject { ["energyAmount"] = energyWh, ["evMinCurrent"] = minA, ["evMaxCurrent"] = maxA, ["evMaxVoltage"] = 400 },
        };
        if (departure is { } leaves)
        {
            needs["departureTime"] = NodaTime.Text.InstantPattern.ExtendedIso.Format(leaves);
        }

        var body = new JsonObject { ["evseId"] = 1, ["chargingNeeds"] = needs };
        if (tuples is { } t)
        {
            body["maxScheduleTuples"] = t;
        }

        var json = ChargingNeedsEventJson(id, at, body);
        return json.ToJsonString();
    }

    private static JsonObject ChargingNeedsEventJson(string id, Instant at, JsonObject body) => new()
    {
        ["type"] = "session-event",
        ["version"] = 1,
        ["id"] = id,
        ["siteId"] = "depot-1",
        ["event"] = "chargingNeeds",
        ["chargerId"] = "cp-1",
        ["transactionId"] = "tx-1",
        ["timestamp"] = NodaTime.Text.InstantPattern.ExtendedIso.Format(at),
        ["notifyEVChargingNeeds"] = body,
    };

    private static async Task IngestAsync(AppHarness app, string message)
    {
        var outcome = await app.Get<SessionEventIngest>().HandleAsync(message);
        Assert.False(outcome.IsRefused || outcome.IsDeferred, string.Join("; ", outcome.Errors));
    }

    private static async Task<(PlanInputs Inputs, JsonElement Plan)> PlanAsync(AppHarness app, string requestId)
    {
        // The ingest asked for its own re-plan; the timer's request plans what the app stored without one.
        await app.SendAsync(QueueNames.PlanRequests, TestMessages.PlanRequest(requestId, "depot-1", app.Clock.GetCurrentInstant()));
        await app.DrainAsync(QueueNames.PlanRequests, m => app.Function<PlanSiteFunction>().Run(m, default));
        var (plan, json) = (await app.Get<PlanStore>().GetLatestAsync("depot-1"))!.Value;
        Assert.Equal(app.Clock.GetCurrentInstant(), plan.PlannedAt);
        Assert.Empty(PlanSchema.Validate(json));
        return (PlanInputs.FromJson(plan.InputsJson), JsonDocument.Parse(json).RootElement.Clone());
    }

    private static Task StartSessionAsync(AppHarness app, string chargerId, string transactionId, Instant at) =>
        app.Get<SessionStore>().ApplyAsync(new SessionEventMessage($"s-{transactionId}", "depot-1", SessionEventKind.Started, chargerId, transactionId, at, 0));

    private async Task<AppHarness> StartAsync(SiteSettings settings)
    {
        var app = await AppHarness.StartAsync(azurite, Now);
        var withCsms = TestSites.WithCsms(new Uri("https://csms.example"));
        await app.Get<SiteStore>().UpsertAsync(TestSites.Depot(settings: settings with { Csms = withCsms.Csms, TouTariff = withCsms.TouTariff }));
        return app;
    }
}
