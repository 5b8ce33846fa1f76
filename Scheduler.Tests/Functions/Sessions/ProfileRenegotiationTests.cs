using System.Text.Json.Nodes;
using NodaTime;
using NodaTime.Text;
using Scheduler.Functions.Departures;
using Scheduler.Functions.Dispatch;
using Scheduler.Functions.Ingest;
using Scheduler.Functions.Queues;
using Scheduler.Functions.Sessions;
using Scheduler.Functions.Sites;
using Scheduler.Functions.Triggers;
using Scheduler.Protocols.Messages;
using Scheduler.Protocols.Ocpp;
using Scheduler.Tests.Functions.Fakes;
using Scheduler.Tests.Storage;

namespace Scheduler.Tests.Functions.Sessions;

/// <summary>A vehicle's proposed schedule (NotifyEVChargingSchedule) against the profile its charger accepted, on Azurite with a loopback CSMS.</summary>
[Collection("Azurite")]
public sealed class ProfileRenegotiationTests(AzuriteFixture azurite)
{
    private static readonly Instant Now = Instant.FromUtc(2026, 3, 10, 12, 0);

    [Fact]
    public async Task Ingest_ProposalAboveTheProfile_SendsTheProfileAgain()
    {
        await using var csms = await FakeCsmsServer.StartAsync();
        await using var app = await StartWithAcceptedProfileAsync(csms);
        var before = csms.Requests.Count;

        var outcome = await app.Get<SessionEventIngest>().HandleAsync(Proposal("p-1", Now + Duration.FromMinutes(1), limitA: 16));
        await app.DrainAsync(QueueNames.Dispatch, m => app.Function<DispatchProfileFunction>().Run(m, default));

        Assert.Contains("exceeds its profile", outcome.Note, StringComparison.Ordinal);
        Assert.Equal(before + 1, csms.Requests.Count);
        var record = await app.Get<DispatchStore>().GetAsync("depot-1", "cp-1", "TxProfile");
        Assert.Equal(DispatchState.Accepted, record!.State);
    }

    [Fact]
    public async Task Ingest_ProposalWithinTheProfile_SendsNothing()
    {
        await using var csms = await FakeCsmsServer.StartAsync();
        await using var app = await StartWithAcceptedProfileAsync(csms);

        var outcome = await app.Get<SessionEventIngest>().HandleAsync(Proposal("p-1", Now + Duration.FromMinutes(1), limitA: 0));

        Assert.Contains("within its profile", outcome.Note, StringComparison.Ordinal);
        Assert.Empty(await app.PeekAsync(QueueNames.Dispatch));
    }

    [Fact]
    public async Task Ingest_SameProposalTwice_SendsTheProfileOnce()
    {
        await using var csms = await FakeCsmsServer.StartAsync();
        await using var app = await StartWithAcceptedProfileAsync(csms);
        var proposal = Proposal("p-1", Now + Duration.FromMinutes(1), limitA: 16);

        await app.Get<SessionEventIngest>().HandleAsync(proposal);
        await app.Get<SessionEventIngest>().HandleAsync(proposal);

        Assert.Single(await app.PeekAsync(QueueNames.Dispatch));
    }

    [Fact]
    public void FirstExcess_VehicleAboveOnlyLater_FindsTheLaterStart()
    {
        var ours = new[] { new ProfileInterval(Now, Now + Duration.FromHours(1), 10), new ProfileInterval(Now + Duration.FromHours(1), null, 0) };
        var vehicle = new[] { new ProfileInterval(Now, Now + Duration.FromMinutes(30), 8), new ProfileInterval(Now + Duration.FromMinutes(30), null, 10) };

        var excess = ProfileRenegotiation.FirstExcess(ours, vehicle, Now);

        Assert.Equal(Now + Duration.FromHours(1), excess!.At);
        Assert.Equal((10.0, 0.0), (excess.VehicleA, excess.ProfileA));
    }

    // The profile's limit is 16 A while it charges and 0 A after; a vehicle proposing 16 A all along exceeds it from the end of charging.
    private static string Proposal(string id, Instant at, double limitA)
    {
        var body = new JsonObject
        {
            ["timeBase"] = InstantPattern.ExtendedIso.Format(at),
            ["evseId"] = 1,
            ["chargingSchedule"] = new JsonObject
            {
                ["id"] = 1,
                ["chargingRateUnit"] = "A",
                ["chargingSchedulePeriod"] = new JsonArray(new JsonObject { ["startPeriod"] = 0, ["limit"] = limitA }),
            },
        };
        return new JsonObject
        {
            ["type"] = "session-event",
            ["version"] = 1,
            ["id"] = id,
            ["siteId"] = "depot-1",
            ["event"] = "evChargingSchedule",
            ["chargerId"] = "cp-1",
            ["transactionId"] = "tx-1",
            ["timestamp"] = InstantPattern.ExtendedIso.Format(at),
            ["notifyEVChargingSchedule"] = body,
        }.ToJsonString();
    }

    private async Task<AppHarness> StartWithAcceptedProfileAsync(FakeCsmsServer csms)
    {
        var app = await AppHarness.StartAsync(azurite, Now);
        await app.Get<SiteStore>().UpsertAsync(TestSites.Depot(settings: TestSites.WithCsms(csms.BaseUrl)));
        await app.Get<SessionStore>().ApplyAsync(new SessionEventMessage("s-1", "depot-1", SessionEventKind.Started, "cp-1", "tx-1", Now, 0));
        await app.Get<DepartureStore>().SetAsync(new DepartureMessage("d-1", "depot-1", "cp-1:tx-1", null, Now + Duration.FromHours(4), 10), Now);
        await app.SendAsync(QueueNames.PlanRequests, TestMessages.PlanRequest("r-1", "depot-1", Now));
        await app.DrainAsync(QueueNames.PlanRequests, m => app.Function<PlanSiteFunction>().Run(m, default));
        await app.DrainAsync(QueueNames.Dispatch, m => app.Function<DispatchProfileFunction>().Run(m, default));
        Assert.Equal(DispatchState.Accepted, (await app.Get<DispatchStore>().GetAsync("depot-1", "cp-1", "TxProfile"))!.State);
        app.Clock.Advance(Duration.FromMinutes(1));
        return app;
    }
}
