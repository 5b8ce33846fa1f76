using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Scheduler.Functions.Departures;
using Scheduler.Functions.Http;
using Scheduler.Tests.Storage;

namespace Scheduler.Tests.Functions.Http;

[Collection("Azurite")]
public sealed class ApiGateTests(AzuriteFixture azurite)
{
    /// <summary>Every endpoint about a vehicle or a site, called on van-7 of depot-1.</summary>
    public static TheoryData<string> Endpoints() => new(Calls.Keys.Order(StringComparer.Ordinal));

    private static readonly Dictionary<string, Func<AppHarness, HttpRequest, Task<IActionResult>>> Calls = new(StringComparer.Ordinal)
    {
        ["PUT departure"] = (app, r) => app.Function<DepartureFunction>().Put(r, "depot-1", "van-7", default),
        ["DELETE departure"] = (app, r) => app.Function<DepartureFunction>().Delete(r, "depot-1", "van-7", default),
        ["GET recurring-departures"] = (app, r) => app.Function<RecurringDepartureFunction>().Get(r, "depot-1", "van-7", default),
        ["PUT recurring-departures"] = (app, r) => app.Function<RecurringDepartureFunction>().Put(r, "depot-1", "van-7", default),
        ["DELETE recurring-departures"] = (app, r) => app.Function<RecurringDepartureFunction>().Delete(r, "depot-1", "van-7", default),
        ["GET plan"] = (app, r) => app.Function<VehiclePlanFunction>().Get(r, "depot-1", "van-7", default),
        ["POST boost"] = (app, r) => app.Function<BoostFunction>().Post(r, "depot-1", "van-7", default),
        ["PUT drivers"] = (app, r) => app.Function<VehicleAccessFunction>().Put(r, "depot-1", "van-7", "oid-cat", default),
        ["DELETE drivers"] = (app, r) => app.Function<VehicleAccessFunction>().Delete(r, "depot-1", "van-7", "oid-ann", default),
        ["GET drivers"] = (app, r) => app.Function<VehicleAccessFunction>().List(r, "depot-1", default),
        ["GET view"] = (app, r) => app.Function<SiteViewFunction>().Get(r, "depot-1", default),
    };

    private static readonly HashSet<string> OperatorsOnly = new(StringComparer.Ordinal) { "PUT drivers", "DELETE drivers", "GET drivers", "GET view" };

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task Call_WithoutPrincipal_401AndNoData(string endpoint)
    {
        await using var app = await ApiSite.StartAsync(azurite);
        await DepartureFunctionTests.PutAsync(app, ApiSite.Ann, """{"departureLocal":"2026-03-10T18:00","energyKwh":20}""");

        var answer = await CallAsync(app, endpoint, Caller.Anonymous);

        Assert.Equal((401, "auth.required"), (answer.Status, answer.Problem));
        Assert.DoesNotContain("2026-03-10T17:00", answer.Body, StringComparison.Ordinal);
        Assert.NotNull(await app.Get<DepartureStore>().FindVehicleAsync("depot-1", "van-7"));
    }

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task Call_ByAnotherDriver_403AndNothingChanged(string endpoint)
    {
        await using var app = await ApiSite.StartAsync(azurite);
        await DepartureFunctionTests.PutAsync(app, ApiSite.Ann, """{"departureLocal":"2026-03-10T18:00","energyKwh":20}""");

        var answer = await CallAsync(app, endpoint, ApiSite.Ben);

        Assert.Equal((403, "auth.forbidden"), (answer.Status, answer.Problem));
        Assert.NotNull(await app.Get<DepartureStore>().FindVehicleAsync("depot-1", "van-7"));
        Assert.True(await app.Get<VehicleAccessStore>().IsGrantedAsync("depot-1", "van-7", "oid-ann"));
    }

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task Call_ByAnOperatorOfAnotherSite_403(string endpoint)
    {
        await using var app = await ApiSite.StartAsync(azurite);

        var answer = await CallAsync(app, endpoint, Caller.Operator("depot-2"));

        Assert.Equal((403, "auth.forbidden"), (answer.Status, answer.Problem));
    }

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task Call_ByTheSitesOperator_Allowed(string endpoint)
    {
        await using var app = await ApiSite.StartAsync(azurite);

        var answer = await CallAsync(app, endpoint, Caller.Operator("depot-1"));

        Assert.DoesNotContain(answer.Status, new[] { 401, 403 });
    }

    [Fact]
    public async Task OperatorOnlyEndpoints_ByTheVehiclesOwnDriver_403()
    {
        await using var app = await ApiSite.StartAsync(azurite);

        foreach (var endpoint in OperatorsOnly)
        {
            Assert.Equal(403, (await CallAsync(app, endpoint, ApiSite.Ann)).Status);
        }
    }

    [Fact]
    public async Task Call_AnUnknownSite_404ForItsOperatorButForbiddenToOthers()
    {
        await using var app = await ApiSite.StartAsync(azurite);

        var own = await ApiCall.RunAsync(ApiCall.Request("GET", "/api/sites/depot-9/vehicles/van-7/plan", Caller.Operator("depot-9")), r => app.Function<VehiclePlanFunction>().Get(r, "depot-9", "van-7", default));
        var foreign = await ApiCall.RunAsync(ApiCall.Request("GET", "/api/sites/depot-9/vehicles/van-7/plan", ApiSite.Ann), r => app.Function<VehiclePlanFunction>().Get(r, "depot-9", "van-7", default));

        Assert.Equal((404, "site.unknown"), (own.Status, own.Problem));
        Assert.Equal(403, foreign.Status);
    }

    [Fact]
    public async Task Call_FloodingOneVehicle_429WithRetryAfterWhileOtherVehiclesAndTheNextMinuteGoOn()
    {
        await using var app = await ApiSite.StartAsync(azurite, new Dictionary<string, string?> { ["Api:RequestsPerVehiclePerMinute"] = "3" });
        var operatorCaller = Caller.Operator("depot-1");
        var answers = new List<ApiAnswer>();
        for (var i = 0; i < 4; i++)
        {
            answers.Add(await PlanOfAsync(app, operatorCaller, "van-7"));
        }

        var otherVehicle = await PlanOfAsync(app, operatorCaller, "van-8");
        app.Clock.Advance(NodaTime.Duration.FromSeconds(60));
        var nextMinute = await PlanOfAsync(app, operatorCaller, "van-7");

        Assert.Equal([404, 404, 404, 429], answers.Select(a => a.Status));
        Assert.Equal("rate.limited", answers[3].Problem);
        Assert.Equal("60", answers[3].Headers["Retry-After"].ToString());
        Assert.Equal((404, 404), (otherVehicle.Status, nextMinute.Status));
    }

    [Fact]
    public async Task EveryAnswer_CarriesTheRequestId_TheCallersOwnWhenItSentOne()
    {
        await using var app = await ApiSite.StartAsync(azurite);

        var sent = await ApiCall.RunAsync(ApiCall.Request("GET", "/api/sites/depot-1/vehicles/van-7/plan", Caller.Anonymous, requestId: "app-42"), r => app.Function<VehiclePlanFunction>().Get(r, "depot-1", "van-7", default));
        var made = await ApiCall.RunAsync(ApiCall.Request("DELETE", "/api/sites/depot-1/vehicles/van-7/departure", ApiSite.Ann), r => app.Function<DepartureFunction>().Delete(r, "depot-1", "van-7", default));

        Assert.Equal("app-42", sent.Headers[RequestIds.Header].ToString());
        Assert.Equal("app-42", sent.Json.GetProperty("requestId").GetString());
        Assert.Matches("^[0-9a-f]{32}$", made.Headers[RequestIds.Header].ToString());
    }

    [Fact]
    public async Task Call_WithAnUnreadablePrincipal_401()
    {
        await using var app = await ApiSite.StartAsync(azurite);
        var request = ApiCall.Request("GET", "/api/sites/depot-1/vehicles/van-7/plan", Caller.Anonymous);
        request.Headers[ClientPrincipalHeader.Name] = "bm90IGpzb24=";

        var answer = await ApiCall.RunAsync(request, r => app.Function<VehiclePlanFunction>().Get(r, "depot-1", "van-7", default));

        Assert.Equal((401, "auth.required"), (answer.Status, answer.Problem));
        Assert.Contains(ClientPrincipalHeader.Name, answer.Json.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    private static Task<ApiAnswer> PlanOfAsync(AppHarness app, Caller caller, string vehicleId) =>
        ApiCall.RunAsync(ApiCall.Request("GET", $"/api/sites/depot-1/vehicles/{vehicleId}/plan", caller), r => app.Function<VehiclePlanFunction>().Get(r, "depot-1", vehicleId, default));

    private static Task<ApiAnswer> CallAsync(AppHarness app, string endpoint, Caller caller)
    {
        var method = endpoint.Split(' ')[0];
        var body = endpoint switch
        {
            "PUT departure" => """{"departureLocal":"2026-03-10T20:00","energyKwh":5}""",
            "PUT recurring-departures" => """{"days":[{"day":"weekdays","time":"07:30","energyKwh":25}]}""",
            "POST boost" => """{"energyKwh":5}""",
            _ => null,
        };
        return ApiCall.RunAsync(ApiCall.Request(method, "/api/sites/depot-1/" + endpoint.Split(' ')[1], caller, body), r => Calls[endpoint](app, r));
    }
}
