using NodaTime;
using Scheduler.Functions.Http;
using Scheduler.Functions.Signals;
using Scheduler.Tests.Storage;

namespace Scheduler.Tests.Functions.Http;

[Collection("Azurite")]
public sealed class VehiclePlanFunctionTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Get_VehicleCutByADemandResponseEvent_SaysSoWithTheEventsWindow()
    {
        await using var app = await ApiSite.StartAsync(azurite);
        // The utility caps the site at 6 kW from now (13:00 in Amsterdam) for six hours; van-7 wants 30 kWh by 18:00.
        var now = ApiSite.Now;
        await app.Get<GridSignalStore>().PutAsync("depot-1", new StoredGridEvent("dr-1", TestMessages.CapacityEvent("dr-1", "depot-1", now, 6, 6, now), now, false, now));
        await DepartureFunctionTests.PutAsync(app, ApiSite.Ann, """{"departureLocal":"2026-03-10T18:00","energyKwh":30}""");
        await ApiSite.PlanAsync(app);

        var answer = await GetAsync(app, ApiSite.Ann);

        Assert.Equal(200, answer.Status);
        var plan = answer.Json;
        Assert.True(plan.GetProperty("isShort").GetBoolean());
        Assert.Equal("2026-03-10T18:00:00+01:00", plan.GetProperty("departure").GetString());
        Assert.Equal(30, plan.GetProperty("requestedKwh").GetDouble(), 3);
        Assert.True(plan.GetProperty("energyByDepartureKwh").GetDouble() <= 6 * 5 + 0.1);
        Assert.Equal(30 - plan.GetProperty("energyByDepartureKwh").GetDouble(), plan.GetProperty("shortfallKwh").GetDouble(), 1);
        var reason = Assert.Single(plan.GetProperty("reasons").EnumerateArray());
        Assert.Equal(PlanExplanation.DemandResponse, reason.GetProperty("code").GetString());
        Assert.Contains("below 6 kW from 13:00 to 18:00", reason.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.All(plan.GetProperty("periods").EnumerateArray(), p => Assert.True(p.GetProperty("currentA").GetDouble() <= 16));
        Assert.True(plan.TryGetProperty("expectedFinish", out _), answer.Body);
        Assert.True(plan.GetProperty("energyByDepartureKwh").GetDouble() > 0, answer.Body);
    }

    [Fact]
    public async Task Get_TooLittleTimeBeforeDeparture_SaysTheDepartureIsTooSoon()
    {
        await using var app = await ApiSite.StartAsync(azurite);
        // 16 A on three phases is 11 kW: 40 kWh in an hour cannot be had.
        await DepartureFunctionTests.PutAsync(app, ApiSite.Ann, """{"departureLocal":"2026-03-10T14:00","energyKwh":40}""");
        await ApiSite.PlanAsync(app);

        var answer = await GetAsync(app, ApiSite.Ann);

        Assert.Equal(PlanExplanation.DepartureTooSoon, answer.Json.GetProperty("reasons")[0].GetProperty("code").GetString());
        Assert.Contains("full power (11 kW)", answer.Json.GetProperty("reasons")[0].GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_NobodySetADeparture_NotesTheSitesDefault()
    {
        await using var app = await ApiSite.StartAsync(azurite);
        await ApiSite.PlanAsync(app);

        var answer = await GetAsync(app, ApiSite.Ann);

        Assert.Equal("default", answer.Json.GetProperty("departureSource").GetString());
        Assert.Equal("2026-03-11T07:30:00+01:00", answer.Json.GetProperty("departure").GetString());
        Assert.Contains(answer.Json.GetProperty("notes").EnumerateArray(), n => n.GetProperty("code").GetString() == PlanExplanation.DefaultDeparture);
    }

    [Fact]
    public async Task Get_BeforeTheFirstPlanOrForAVehicleNotPluggedIn_404()
    {
        await using var app = await ApiSite.StartAsync(azurite);
        await app.Get<VehicleAccessStore>().GrantAsync("depot-1", "van-9", ApiSite.Ann.ObjectId!, "op", ApiSite.Now);

        var before = await GetAsync(app, ApiSite.Ann);
        await ApiSite.PlanAsync(app);
        var absent = await ApiCall.RunAsync(ApiCall.Request("GET", "/api/sites/depot-1/vehicles/van-9/plan", ApiSite.Ann), r => app.Function<VehiclePlanFunction>().Get(r, "depot-1", "van-9", default));

        Assert.Equal((404, "plan.none"), (before.Status, before.Problem));
        Assert.Equal((404, "plan.no-session"), (absent.Status, absent.Problem));
    }

    internal static Task<ApiAnswer> GetAsync(AppHarness app, Caller caller) =>
        ApiCall.RunAsync(ApiCall.Request("GET", "/api/sites/depot-1/vehicles/van-7/plan", caller), r => app.Function<VehiclePlanFunction>().Get(r, "depot-1", "van-7", default));
}
