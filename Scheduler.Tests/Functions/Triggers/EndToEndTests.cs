using System.Text.Json;
using NodaTime;
using Scheduler.Functions.Triggers;
using Scheduler.Functions.Planning;
using Scheduler.Functions.Queues;
using Scheduler.Functions.Sites;
using Scheduler.Protocols.Ocpp;
using Scheduler.Tests.Functions.Fakes;
using Scheduler.Tests.Storage;

namespace Scheduler.Tests.Functions.Triggers;

/// <summary>
/// The whole flow as the host runs it, on Azurite and a CSMS on loopback that checks every profile against the
/// official OCPP schema: a session starts, its driver sets a departure, the site is re-planned, and the profiles go out.
/// </summary>
[Collection("Azurite")]
public sealed class EndToEndTests(AzuriteFixture azurite)
{
    private static readonly Instant Now = Instant.FromUtc(2026, 3, 10, 12, 0);

    [Theory]
    [InlineData("2.0.1")]
    [InlineData("1.6")]
    public async Task DepartureMessage_IngestReplanDispatch_ChargerGetsAProfileThatMeetsTheDeparture(string ocppVersion)
    {
        await using var csms = await FakeCsmsServer.StartAsync();
        await using var app = await AppHarness.StartAsync(azurite, Now);
        await app.Get<SiteStore>().UpsertAsync(TestSites.Depot(settings: TestSites.WithCsms(csms.BaseUrl, ocppVersion)));

        // The CSMS reports a vehicle plugged in; the first plan charges it to the site's defaults.
        await app.SendAsync(QueueNames.SessionEvents, TestMessages.Started("ev-1", "depot-1", "cp-1", "8812", Now - Duration.FromMinutes(5), 0, "van-7"));
        await PumpAsync(app);
        var first = csms.Requests.Count(r => r.StationId == "CS/01" && r.Body.Contains("TxProfile", StringComparison.Ordinal));
        Assert.Equal(1, first);

        // The driver then says: leaving in four hours, needing 30 kWh.
        app.Clock.Advance(Duration.FromMinutes(1));
        await app.SendAsync(QueueNames.Departures, TestMessages.Departure("dep-1", "depot-1", "cp-1:8812", Now + Duration.FromHours(4), 30));
        await PumpAsync(app);

        var (plan, json) = (await app.Get<PlanStore>().GetLatestAsync("depot-1"))!.Value;
        Assert.Equal("driver", PlanInputs.FromJson(plan.InputsJson).Sessions.Single().Departure);
        Assert.All(csms.Requests, r => Assert.True(r.IsValid, string.Join("; ", r.Violations)));
        Assert.All(csms.Requests, r => Assert.Equal(ocppVersion, r.VersionText));
        var txProfiles = csms.Requests.Where(r => r.StationId == "CS/01" && r.Body.Contains("TxProfile", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, txProfiles.Count);

        // Read back, the last profile allows what the plan gives before the departure (the 30 kWh asked and, by
        // default, a top-up beyond it), and nothing after it.
        var version = ocppVersion == "1.6" ? OcppVersion.V16 : OcppVersion.V201;
        var intervals = ChargingProfileReader.Read(System.Text.Json.Nodes.JsonNode.Parse(txProfiles[^1].Body)!.AsObject());
        var departure = Now + Duration.FromHours(4);
        var allowedKwh = intervals
            .Where(i => i.Start < departure)
            .Sum(i => i.LimitA * 230 * 3 / 1000 * ((i.End is { } end && end < departure ? end : departure) - (i.Start > Now ? i.Start : Now)).TotalHours);
        using var document = JsonDocument.Parse(json);
        var planned = document.RootElement.GetProperty("sessions").EnumerateArray().Single();
        Assert.Equal(30, planned.GetProperty("requestedKwh").GetDouble(), 0.2);
        var plannedKwh = planned.GetProperty("deliveredKwh").GetDouble();
        Assert.True(plannedKwh >= 29.8, $"planned {plannedKwh} kWh");
        Assert.InRange(allowedKwh, plannedKwh - 0.2, plannedKwh + 0.5);
        Assert.Equal(0, ChargingProfileReader.LimitAt(intervals, departure + Duration.FromMinutes(1)));
        var profile = document.RootElement.GetProperty("chargingProfiles").EnumerateArray().First(p => p.GetProperty("purpose").GetString() == "TxProfile");
        Assert.Equal(version == OcppVersion.V16 ? "1.6" : "2.0.1", profile.GetProperty("ocppVersion").GetString());
    }

    /// <summary>Runs every queue's function until all queues are empty, as the host would.</summary>
    private static async Task PumpAsync(AppHarness app)
    {
        for (var round = 0; round < 10; round++)
        {
            var deliveries = 0;
            deliveries += await app.DrainAsync(QueueNames.SessionEvents, m => app.Function<IngestSessionEventFunction>().Run(m, default));
            deliveries += await app.DrainAsync(QueueNames.Departures, m => app.Function<IngestDepartureFunction>().Run(m, default));
            deliveries += await app.DrainAsync(QueueNames.GridSignals, m => app.Function<IngestGridSignalFunction>().Run(m, default));
            deliveries += await app.DrainAsync(QueueNames.PlanRequests, m => app.Function<PlanSiteFunction>().Run(m, default));
            deliveries += await app.DrainAsync(QueueNames.Dispatch, m => app.Function<DispatchProfileFunction>().Run(m, default));
            if (deliveries == 0)
            {
                return;
            }
        }

        Assert.Fail("the queues did not settle within 10 rounds");
    }
}
