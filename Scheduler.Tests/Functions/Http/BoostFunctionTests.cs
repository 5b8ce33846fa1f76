using System.Text.Json;
using Scheduler.Functions.Http;
using Scheduler.Functions.Planning;
using Scheduler.Tests.Storage;

namespace Scheduler.Tests.Functions.Http;

[Collection("Azurite")]
public sealed class BoostFunctionTests(AzuriteFixture azurite)
{
    private const string Path = "/api/sites/depot-1/vehicles/van-7/boost";

    [Fact]
    public async Task Post_Energy_FullPowerNowUntilItIsTaken_AndTheOthersPlannedAround()
    {
        await using var app = await ApiSite.StartAsync(azurite);
        // Prices are dear until 01:00 UTC: unboosted, nothing would charge now.
        await DepartureFunctionTests.PutAsync(app, ApiSite.Ann, """{"departureLocal":"2026-03-11T07:00","energyKwh":10}""");

        var answer = await PostAsync(app, """{"energyKwh":5}""");
        await ApiSite.PlanAsync(app);

        Assert.Equal(202, answer.Status);
        // 5 kWh at 11.04 kW takes 27 minutes: to the end of the second quarter hour.
        Assert.Equal("2026-03-10T12:30:00Z", answer.Json.GetProperty("until").GetString());
        Assert.Equal(5, answer.Json.GetProperty("targetKwh").GetDouble(), 3);
        var (plan, json) = (await app.Get<PlanStore>().GetLatestAsync("depot-1"))!.Value;
        Assert.Equal("boost", PlanInputs.FromJson(plan.InputsJson).Sessions.Single(s => s.SessionId == "cp-1:tx-1").Departure);
        using var document = JsonDocument.Parse(json);
        var first = document.RootElement.GetProperty("sessions").EnumerateArray().Single(s => s.GetProperty("id").GetString() == "cp-1:tx-1").GetProperty("periods")[0];
        Assert.Equal(("2026-03-10T13:00:00+01:00", 16), (first.GetProperty("start").GetString(), first.GetProperty("currentA").GetInt32()));
    }

    [Fact]
    public async Task Post_VehicleNotPluggedIn_409()
    {
        await using var app = await ApiSite.StartAsync(azurite);
        await app.Get<VehicleAccessStore>().GrantAsync("depot-1", "van-9", ApiSite.Ann.ObjectId!, "op", ApiSite.Now);

        var answer = await ApiCall.RunAsync(ApiCall.Request("POST", "/api/sites/depot-1/vehicles/van-9/boost", ApiSite.Ann, """{"energyKwh":5}"""), r => app.Function<BoostFunction>().Post(r, "depot-1", "van-9", default));

        Assert.Equal((409, "boost.not-plugged-in"), (answer.Status, answer.Problem));
    }

    [Theory]
    [InlineData("""{"energyKwh":5,"until":"2026-03-10T15:00:00+01:00"}""", "boost.conflict")]
    [InlineData("""{"until":"2026-03-10T13:05:00+01:00"}""", "boost.until-out-of-range")]
    [InlineData("""{"energyKwh":0}""", "energy.non-positive")]
    public async Task Post_BadBody_Problem(string body, string code)
    {
        await using var app = await ApiSite.StartAsync(azurite);

        var answer = await PostAsync(app, body);

        Assert.Equal((400, code), (answer.Status, answer.Problem));
    }

    private static Task<ApiAnswer> PostAsync(AppHarness app, string body) =>
        ApiCall.RunAsync(ApiCall.Request("POST", Path, ApiSite.Ann, body), r => app.Function<BoostFunction>().Post(r, "depot-1", "van-7", default));
}
