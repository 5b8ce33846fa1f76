using NodaTime;
using Scheduler.Functions.Habits;
using Scheduler.Functions.Queues;
using Scheduler.Functions.Sessions;
using Scheduler.Functions.Sites;
using Scheduler.Functions.Triggers;
using Scheduler.Protocols.Messages;
using Scheduler.Tests.Storage;

namespace Scheduler.Tests.Functions.Habits;

[Collection("Azurite")]
public sealed class VehicleHistoryStoreTests(AzuriteFixture azurite)
{
    // Tuesday 2026-03-10, 13:00 in Amsterdam.
    private static readonly Instant Now = Instant.FromUtc(2026, 3, 10, 12, 0);

    [Fact]
    public async Task RecordEnded_SessionWithoutAVehicle_LearnedIntoTheSiteAsTheReplayDoes()
    {
        // A car that never said who it is stays two hours of a day announced (the default, 07:30 next morning): one of
        // the site's stays, as the replay's learning counts it, though no driver's own.
        await using var app = await AppHarness.StartAsync(azurite, Now);
        await app.Get<SiteStore>().UpsertAsync(TestSites.Depot(settings: TestSites.WithCsms(new Uri("https://csms.example")) with { DefaultDeparture = "17:00" }));
        var sessions = app.Get<SessionStore>();
        await sessions.ApplyAsync(new SessionEventMessage("e-1", "depot-1", SessionEventKind.Started, "cp-1", "tx-1", Now - Duration.FromHours(1), 0));
        await PlanAsync(app, "r-1");
        app.Clock.Advance(Duration.FromHours(1));
        await sessions.ApplyAsync(new SessionEventMessage("e-2", "depot-1", SessionEventKind.Stopped, "cp-1", "tx-1", app.Clock.GetCurrentInstant(), 5_000));

        await PlanAsync(app, "r-2");

        var habits = await app.Get<VehicleHistoryStore>().LearnAsync("depot-1", app.Clock.GetCurrentInstant());
        Assert.Equal(1, habits.LearnedFrom);
        Assert.False(habits.Knows(null));
    }

    private static async Task PlanAsync(AppHarness app, string requestId)
    {
        await app.SendAsync(QueueNames.PlanRequests, TestMessages.PlanRequest(requestId, "depot-1", app.Clock.GetCurrentInstant()));
        await app.DrainAsync(QueueNames.PlanRequests, m => app.Function<PlanSiteFunction>().Run(m, default));
    }
}
