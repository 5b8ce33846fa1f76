using System.Text.Json;
using NodaTime;
using Scheduler.Functions.Departures;
using Scheduler.Functions.Http;
using Scheduler.Functions.Planning;
using Scheduler.Functions.Queues;
using Scheduler.Functions.Triggers;
using Scheduler.Tests.Storage;

namespace Scheduler.Tests.Functions.Http;

[Collection("Azurite")]
public sealed class DepartureFunctionTests(AzuriteFixture azurite)
{
    private const string Path = "/api/sites/depot-1/vehicles/van-7/departure";

    [Fact]
    public async Task Put_ByTheVehiclesDriver_ChangesTheNextPlanExactlyAsTheQueueMessage()
    {
        string queued;
        await using (var app = await ApiSite.StartAsync(azurite))
        {
            await app.SendAsync(QueueNames.Departures, """{"type":"departure","version":1,"id":"q-1","siteId":"depot-1","vehicleId":"van-7","departureLocal":"2026-03-10T18:00","timeZone":"Europe/Amsterdam","energyKwh":20}""");
            await app.DrainAsync(QueueNames.Departures, m => app.Function<IngestDepartureFunction>().Run(m, default));
            await ApiSite.PlanAsync(app);
            queued = await SessionPlanAsync(app);
        }

        await using (var app = await ApiSite.StartAsync(azurite))
        {
            var answer = await PutAsync(app, ApiSite.Ann, """{"departureLocal":"2026-03-10T18:00","energyKwh":20}""");
            Assert.Equal(200, answer.Status);
            Assert.Equal("2026-03-10T17:00:00Z", answer.Json.GetProperty("departure").GetString());
            await ApiSite.PlanAsync(app);

            Assert.Equal(queued, await SessionPlanAsync(app));
            Assert.Contains("driver driver", queued, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Put_SameBodyTwice_TheSecondChangesNothingAndAsksForNoPlan()
    {
        await using var app = await ApiSite.StartAsync(azurite);
        const string body = """{"departure":"2026-03-10T19:00:00+01:00","targetSocPct":80,"currentSocPct":30,"batteryKwh":60}""";

        var first = await PutAsync(app, ApiSite.Ann, body);
        var requests = (await app.PeekAsync(QueueNames.PlanRequests)).Count;
        var second = await PutAsync(app, ApiSite.Ann, body);

        Assert.Equal((200, true), (first.Status, first.Json.GetProperty("changed").GetBoolean()));
        Assert.Equal((200, false), (second.Status, second.Json.GetProperty("changed").GetBoolean()));
        Assert.Equal(30, second.Json.GetProperty("energyKwh").GetDouble(), 9);
        Assert.Equal(first.Json.GetProperty("id").GetString(), second.Json.GetProperty("id").GetString());
        Assert.Equal(1, requests);
        Assert.Equal(requests, (await app.PeekAsync(QueueNames.PlanRequests)).Count);
    }

    [Theory]
    [InlineData("""{"departure":"2026-03-10T11:00:00+01:00","energyKwh":20}""", "departure.in-past", "departure")]
    [InlineData("""{"departure":"2026-03-10T19:00:00","energyKwh":20}""", "time.no-offset", "departure")]
    [InlineData("""{"departureLocal":"2026-03-10T19:00","targetSocPct":80,"batteryKwh":60}""", "soc.incomplete", "currentSocPct")]
    [InlineData("""{"departureLocal":"2026-03-10T19:00","energyKwh":-3}""", "energy.non-positive", "energyKwh")]
    [InlineData("""{"departureLocal":"2026-03-10T19:00","energyKwh":20,"vehicleId":"van-9"}""", "body.reserved", "vehicleId")]
    [InlineData("""{"departureLocal":"2026-03-10T19:00","energyKwh":20,"energyKwh":30}""", "json.malformed", "body")]
    [InlineData("""[1, 2]""", "schema", "body")]
    public async Task Put_BadBody_ProblemDetailsNamingTheField(string body, string code, string field)
    {
        await using var app = await ApiSite.StartAsync(azurite);

        var answer = await PutAsync(app, ApiSite.Ann, body);

        Assert.Equal(400, answer.Status);
        Assert.StartsWith("application/problem+json", answer.ContentType, StringComparison.Ordinal);
        Assert.Equal(code, answer.Problem);
        Assert.Equal(400, answer.Json.GetProperty("status").GetInt32());
        Assert.Equal(Path, answer.Json.GetProperty("instance").GetString());
        var error = answer.Json.GetProperty("errors")[0];
        Assert.Equal((field, code), (error.GetProperty("field").GetString(), error.GetProperty("code").GetString()));
        Assert.Null(await app.Get<DepartureStore>().FindVehicleAsync("depot-1", "van-7"));
    }

    [Fact]
    public async Task Delete_ASetDeparture_ForgottenAndTheSitePlannedAgain()
    {
        await using var app = await ApiSite.StartAsync(azurite);
        await PutAsync(app, ApiSite.Ann, """{"departureLocal":"2026-03-10T18:00","energyKwh":20}""");
        var before = (await app.PeekAsync(QueueNames.PlanRequests)).Count;

        var answer = await ApiCall.RunAsync(ApiCall.Request("DELETE", Path, ApiSite.Ann), r => app.Function<DepartureFunction>().Delete(r, "depot-1", "van-7", default));
        var again = await ApiCall.RunAsync(ApiCall.Request("DELETE", Path, ApiSite.Ann), r => app.Function<DepartureFunction>().Delete(r, "depot-1", "van-7", default));

        Assert.Equal((204, 204), (answer.Status, again.Status));
        Assert.Null(await app.Get<DepartureStore>().FindVehicleAsync("depot-1", "van-7"));
        Assert.Equal(before + 1, (await app.PeekAsync(QueueNames.PlanRequests)).Count);
    }

    internal static Task<ApiAnswer> PutAsync(AppHarness app, Caller caller, string body, string vehicleId = "van-7") =>
        ApiCall.RunAsync(ApiCall.Request("PUT", $"/api/sites/depot-1/vehicles/{vehicleId}/departure", caller, body), r => app.Function<DepartureFunction>().Put(r, "depot-1", vehicleId, default));

    // The plan of van-7's session and where its numbers came from, as text to compare.
    private static async Task<string> SessionPlanAsync(AppHarness app)
    {
        var (plan, json) = (await app.Get<PlanStore>().GetLatestAsync("depot-1"))!.Value;
        using var document = JsonDocument.Parse(json);
        var session = document.RootElement.GetProperty("sessions").EnumerateArray().Single(s => s.GetProperty("id").GetString() == "cp-1:tx-1");
        var input = PlanInputs.FromJson(plan.InputsJson).Sessions.Single(s => s.SessionId == "cp-1:tx-1");
        return $"{input.Departure} {input.Energy} {session.GetRawText()}";
    }
}
