using NodaTime;
using Scheduler.Functions.Planning;
using Scheduler.Functions.Sessions;
using Scheduler.Functions.Sites;
using Scheduler.Protocols.Messages;
using Scheduler.Tests.Storage;

namespace Scheduler.Tests.Functions.Sessions;

/// <summary>One plan reads the site's sessions once, and plans what that read saw.</summary>
[Collection("Azurite")]
public sealed class SiteSessionsTests(AzuriteFixture azurite)
{
    // Tuesday 2026-03-10, 13:00 in Amsterdam.
    private static readonly Instant Now = Instant.FromUtc(2026, 3, 10, 12, 0);

    [Fact]
    public async Task Assemble_SessionStopsAfterTheRead_PlansItAsRead()
    {
        // The car is running when the plan reads the sessions and stops before the scenario is built: the scenario
        // still plans it, as the history and the billing of the same plan saw it running.
        await using var app = await AppHarness.StartAsync(azurite, Now);
        var site = TestSites.Depot(settings: TestSites.WithCsms(new Uri("https://csms.example")));
        await app.Get<SiteStore>().UpsertAsync(site);
        var sessions = app.Get<SessionStore>();
        await sessions.ApplyAsync(new SessionEventMessage("e-1", "depot-1", SessionEventKind.Started, "cp-1", "tx-1", Now - Duration.FromHours(1), 0));
        var read = await SiteSessions.ReadAsync(sessions, site.Id, null);
        await sessions.ApplyAsync(new SessionEventMessage("e-2", "depot-1", SessionEventKind.Stopped, "cp-1", "tx-1", Now, 5_000));

        var assembled = await app.Get<ScenarioAssembler>().AssembleAsync(site, Now, PreviousPlan.None, read, "r-1", "test");

        Assert.Equal(["cp-1:tx-1"], assembled.Inputs.Sessions.Select(s => s.SessionId));
        Assert.Empty(assembled.Stopped);
    }

    [Fact]
    public async Task Read_SessionOfThePreviousPlanStopped_StoppedNotRunning()
    {
        await using var app = await AppHarness.StartAsync(azurite, Now);
        var sessions = app.Get<SessionStore>();
        await sessions.ApplyAsync(new SessionEventMessage("e-1", "depot-1", SessionEventKind.Started, "cp-1", "tx-1", Now - Duration.FromHours(1), 0));
        await sessions.ApplyAsync(new SessionEventMessage("e-2", "depot-1", SessionEventKind.Started, "cp-2", "tx-2", Now - Duration.FromHours(1), 0));
        await sessions.ApplyAsync(new SessionEventMessage("e-3", "depot-1", SessionEventKind.Stopped, "cp-1", "tx-1", Now, 5_000));
        var previous = Inputs("cp-1:tx-1", "cp-2:tx-2");

        var read = await SiteSessions.ReadAsync(sessions, "depot-1", previous);

        Assert.Equal(["cp-2:tx-2"], read.Running.Select(s => s.Id));
        Assert.Equal(["cp-1:tx-1"], read.Stopped.Select(s => s.Id));
    }

    private static PlanInputs Inputs(params string[] sessionIds) => new()
    {
        RequestId = "r-0",
        Reason = "test",
        Prices = [],
        PriceFallback = "none",
        Sessions = [.. sessionIds.Select(id => new SessionInput(id, "driver", "driver", "none", 0))],
        HeldChargers = [],
        GridEvents = 0,
        Warnings = [],
    };
}
