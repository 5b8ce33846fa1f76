using System.Text.Json;
using NodaTime;
using Scheduler.Functions.Http;
using Scheduler.Functions.Planning;
using Scheduler.Tests.Storage;

namespace Scheduler.Tests.Functions.Http;

[Collection("Azurite")]
public sealed class RecurringDepartureFunctionTests(AzuriteFixture azurite)
{
    private const string Path = "/api/sites/depot-1/vehicles/van-7/recurring-departures";

    [Fact]
    public async Task Put_AWeek_PlansTheVehicleToItsDayWhenTheDriverSetsNothing()
    {
        await using var app = await ApiSite.StartAsync(azurite);

        var answer = await PutAsync(app, """{"days":[{"day":"weekdays","time":"16:45","energyKwh":12}]}""");
        await ApiSite.PlanAsync(app);

        Assert.Equal(200, answer.Status);
        Assert.Equal(5, answer.Json.GetProperty("days").GetArrayLength());
        var (plan, json) = (await app.Get<PlanStore>().GetLatestAsync("depot-1"))!.Value;
        var input = PlanInputs.FromJson(plan.InputsJson).Sessions.Single(s => s.SessionId == "cp-1:tx-1");
        Assert.Equal(("recurring", "recurring"), (input.Departure, input.Energy));
        using var document = JsonDocument.Parse(json);
        var session = document.RootElement.GetProperty("sessions").EnumerateArray().Single(s => s.GetProperty("id").GetString() == "cp-1:tx-1");
        Assert.Equal(12, session.GetProperty("requestedKwh").GetDouble(), 3);
        Assert.Equal("2026-03-10T16:45:00+01:00", session.GetProperty("periods").EnumerateArray().Last().GetProperty("end").GetString());
    }

    [Fact]
    public async Task Put_TheDriversOwnDeparture_WinsOverTheWeek()
    {
        await using var app = await ApiSite.StartAsync(azurite);
        await PutAsync(app, """{"days":[{"day":"daily","time":"16:45","energyKwh":12}]}""");
        await DepartureFunctionTests.PutAsync(app, ApiSite.Ann, """{"departureLocal":"2026-03-10T19:00","energyKwh":20}""");

        await ApiSite.PlanAsync(app);

        var (plan, _) = (await app.Get<PlanStore>().GetLatestAsync("depot-1"))!.Value;
        Assert.Equal("driver", PlanInputs.FromJson(plan.InputsJson).Sessions.Single(s => s.SessionId == "cp-1:tx-1").Departure);
    }

    [Fact]
    public async Task GetAndDelete_AWeek_ReadBackThenGone()
    {
        await using var app = await ApiSite.StartAsync(azurite);
        await PutAsync(app, """{"days":[{"day":"weekend","time":"10:00","energyKwh":30}]}""");

        var read = await ApiCall.RunAsync(ApiCall.Request("GET", Path, ApiSite.Ann), r => app.Function<RecurringDepartureFunction>().Get(r, "depot-1", "van-7", default));
        var deleted = await ApiCall.RunAsync(ApiCall.Request("DELETE", Path, ApiSite.Ann), r => app.Function<RecurringDepartureFunction>().Delete(r, "depot-1", "van-7", default));
        var gone = await ApiCall.RunAsync(ApiCall.Request("GET", Path, ApiSite.Ann), r => app.Function<RecurringDepartureFunction>().Get(r, "depot-1", "van-7", default));

        Assert.Equal(["saturday 10:00", "sunday 10:00"], read.Json.GetProperty("days").EnumerateArray().Select(d => $"{d.GetProperty("day").GetString()} {d.GetProperty("time").GetString()}"));
        Assert.Equal(204, deleted.Status);
        Assert.Equal((404, "recurring.none"), (gone.Status, gone.Problem));
    }

    [Fact]
    public async Task Put_BadWeek_ProblemNamingTheField()
    {
        await using var app = await ApiSite.StartAsync(azurite);

        var answer = await PutAsync(app, """{"days":[{"day":"monday","time":"25:00","energyKwh":12}]}""");

        Assert.Equal((400, "recurring.time-malformed"), (answer.Status, answer.Problem));
        Assert.Equal("days[0].time", answer.Json.GetProperty("errors")[0].GetProperty("field").GetString());
    }

    private static Task<ApiAnswer> PutAsync(AppHarness app, string body) =>
        ApiCall.RunAsync(ApiCall.Request("PUT", Path, ApiSite.Ann, body), r => app.Function<RecurringDepartureFunction>().Put(r, "depot-1", "van-7", default));
}
