using Microsoft.Azure.Functions.Worker;
using NodaTime;
using Scheduler.Functions.Triggers;
using Scheduler.Functions.Queues;
using Scheduler.Functions.Signals;
using Scheduler.Functions.Sites;
using Scheduler.Functions.Storage;
using Scheduler.Protocols.Messages;
using Scheduler.Tests.Functions.Fakes;
using Scheduler.Tests.Storage;

namespace Scheduler.Tests.Functions.Triggers;

[Collection("Azurite")]
public sealed class PollGridSignalsFunctionTests(AzuriteFixture azurite)
{
    // Tuesday 2026-03-10, 13:00 in Amsterdam.
    private static readonly Instant Now = Instant.FromUtc(2026, 3, 10, 12, 0);

    private static readonly Instant DrStart = Instant.FromUtc(2026, 3, 11, 0, 0);

    private static readonly Dictionary<string, string?> Settings = new()
    {
        ["Vtn:Attempts"] = "1",
        ["VtnToken"] = "static-1",
        ["VtnClientId"] = "ven-1",
        ["VtnClientSecret"] = "secret-1",
    };

    [Fact]
    public async Task Run_NewEvent_ForwardedOnceAndNotAgainOnceIngested()
    {
        await using var vtn = await StartVtnAsync();
        var capacity = Capacity("dr-1", Now);
        vtn.SetEvents([capacity]);
        await using var app = await StartAsync(TestSites.Depot(settings: StaticToken(vtn)));

        await PollAsync(app);
        var message = GridSignalMessageReader.Read(Assert.Single(await app.PeekAsync(QueueNames.GridSignals))).Message!;
        await IngestAsync(app);
        app.Clock.Advance(Duration.FromMinutes(1));
        await PollAsync(app);

        Assert.Equal(("depot-1", "dr-1", false, capacity), (message.SiteId, message.EventId, message.Deleted, message.EventJson));
        Assert.Empty(await app.PeekAsync(QueueNames.GridSignals));
    }

    [Fact]
    public async Task Run_NewerModification_ForwardedAndStored()
    {
        await using var vtn = await StartVtnAsync();
        vtn.SetEvents([Capacity("dr-1", Now)]);
        await using var app = await StartAsync(TestSites.Depot(settings: StaticToken(vtn)));
        await PollAsync(app);
        await IngestAsync(app);
        var modified = Now + Duration.FromMinutes(10);
        vtn.SetEvents([Capacity("dr-1", modified, limitKw: 5)]);

        await PollAsync(app);
        var message = GridSignalMessageReader.Read(Assert.Single(await app.PeekAsync(QueueNames.GridSignals))).Message!;
        await IngestAsync(app);

        Assert.Equal("dr-1", message.EventId);
        Assert.Equal(modified, Assert.Single(await app.Get<GridSignalStore>().ListAsync("depot-1")).ModifiedAt);
    }

    [Fact]
    public async Task Run_VtnListsAnOlderVersionThanStored_NothingForwarded()
    {
        await using var vtn = await StartVtnAsync();
        vtn.SetEvents([Capacity("dr-1", Now - Duration.FromMinutes(10))]);
        await using var app = await StartAsync(TestSites.Depot(settings: StaticToken(vtn)));
        // A newer version came first by another path (a push integration).
        await app.Get<GridSignalStore>().PutAsync("depot-1", new StoredGridEvent("dr-1", Capacity("dr-1", Now), Now, false, Now));

        await PollAsync(app);

        Assert.Empty(await app.PeekAsync(QueueNames.GridSignals));
    }

    [Fact]
    public async Task Run_EventNoLongerListed_ForwardedAsDeletionOnce()
    {
        await using var vtn = await StartVtnAsync();
        vtn.SetEvents([Capacity("dr-1", Now)]);
        await using var app = await StartAsync(TestSites.Depot(settings: StaticToken(vtn)));
        await PollAsync(app);
        await IngestAsync(app);
        vtn.SetEvents([]);

        await PollAsync(app);
        var message = GridSignalMessageReader.Read(Assert.Single(await app.PeekAsync(QueueNames.GridSignals))).Message!;
        await IngestAsync(app);
        await PollAsync(app);

        Assert.Equal(("dr-1", true), (message.EventId, message.Deleted));
        Assert.True(Assert.Single(await app.Get<GridSignalStore>().ListAsync("depot-1")).Deleted);
        Assert.Empty(await app.PeekAsync(QueueNames.GridSignals));
    }

    [Fact]
    public async Task Run_TwiceBeforeIngest_SameMessageIdAndTableChangedOnce()
    {
        await using var vtn = await StartVtnAsync();
        vtn.SetEvents([Capacity("dr-1", Now)]);
        await using var app = await StartAsync(TestSites.Depot(settings: StaticToken(vtn)));

        await PollAsync(app);
        await PollAsync(app, pastDue: true);
        var ids = (await app.PeekAsync(QueueNames.GridSignals)).Select(t => GridSignalMessageReader.Read(t).Message!.Id).ToList();
        await IngestAsync(app);

        Assert.Equal(2, ids.Count);
        Assert.Single(ids.Distinct());
        Assert.Single(await app.RowsAsync(TableNames.GridSignals));
        Assert.Single(await app.PeekAsync(QueueNames.PlanRequests));
        Assert.Contains(app.Logs.Lines, l => l.Text.Contains(ids[0], StringComparison.Ordinal) && l.Text.Contains("processed before", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Run_OneVtnAnswers403_OtherSitePolled()
    {
        await using var denying = await StartVtnAsync();
        denying.SetEvents([Capacity("dr-1", Now)]);
        denying.DenyEvents = true;
        await using var vtn = await StartVtnAsync();
        vtn.SetEvents([Capacity("dr-2", Now)]);
        await using var app = await StartAsync(TestSites.Depot("depot-1", StaticToken(denying)), TestSites.Depot("depot-2", StaticToken(vtn)));

        await PollAsync(app);

        var message = GridSignalMessageReader.Read(Assert.Single(await app.PeekAsync(QueueNames.GridSignals))).Message!;
        Assert.Equal(("depot-2", "dr-2"), (message.SiteId, message.EventId));
        Assert.Contains(app.Logs.Lines, l => l.Text.Contains("depot-1", StringComparison.Ordinal) && l.Text.Contains("403", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Run_EventWithAnUnusableId_SkippedAndTheRestForwarded()
    {
        await using var odd = await StartVtnAsync();
        odd.SetEvents([Capacity(string.Empty, Now), Capacity(new string('x', 200), Now), Capacity("dr-1", Now)]);
        await using var vtn = await StartVtnAsync();
        vtn.SetEvents([Capacity("dr-2", Now)]);
        await using var app = await StartAsync(TestSites.Depot("depot-1", StaticToken(odd)), TestSites.Depot("depot-2", StaticToken(vtn)));

        await PollAsync(app);

        var messages = (await app.PeekAsync(QueueNames.GridSignals)).Select(t => GridSignalMessageReader.Read(t).Message!).ToList();
        Assert.Equal(["depot-1 dr-1", "depot-2 dr-2"], messages.Select(m => $"{m.SiteId} {m.EventId}").Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Run_ClientCredentialsFromAppSettings_TokenFetchedAndEventForwarded()
    {
        await using var vtn = await StartVtnAsync();
        vtn.AddClient("ven-1", "secret-1");
        vtn.SetEvents([Capacity("dr-1", Now)]);
        var settings = new SiteSettings
        {
            Vtn = new VtnSettings
            {
                BaseUrl = vtn.BaseUrl.ToString(),
                TokenUrl = vtn.TokenUrl.ToString(),
                ClientIdSetting = "VtnClientId",
                ClientSecretSetting = "VtnClientSecret",
            },
        };
        await using var app = await StartAsync(TestSites.Depot(settings: settings));

        await PollAsync(app);

        Assert.Equal(1, vtn.TokenRequests);
        Assert.Single(vtn.EventQueries);
        Assert.Equal("dr-1", GridSignalMessageReader.Read(Assert.Single(await app.PeekAsync(QueueNames.GridSignals))).Message!.EventId);
    }

    private static string Capacity(string eventId, Instant modified, double limitKw = 8) =>
        TestMessages.CapacityEvent(eventId, "depot-1", DrStart, 6, limitKw, modified);

    private static SiteSettings StaticToken(FakeVtnServer vtn) => new()
    {
        Vtn = new VtnSettings { BaseUrl = vtn.BaseUrl.ToString(), TokenSetting = "VtnToken" },
    };

    private static async Task<FakeVtnServer> StartVtnAsync()
    {
        var vtn = await FakeVtnServer.StartAsync();
        vtn.AddStaticToken("static-1");
        return vtn;
    }

    // The timer fans out one message per site; PollSiteGridSignals does the poll. Each poll is the next minute's
    // occurrence: two of the same minute are one poll.
    private static async Task PollAsync(AppHarness app, bool pastDue = false)
    {
        app.Clock.Advance(Duration.FromMinutes(1));
        await app.Function<PollGridSignalsFunction>().Run(new TimerInfo { IsPastDue = pastDue }, default);
        await app.DrainAsync(QueueNames.VtnPolls, m => app.Function<PollSiteGridSignalsFunction>().Run(m, default));
    }

    private static Task<int> IngestAsync(AppHarness app) =>
        app.DrainAsync(QueueNames.GridSignals, m => app.Function<IngestGridSignalFunction>().Run(m, default));

    private async Task<AppHarness> StartAsync(params SiteRecord[] sites)
    {
        var app = await AppHarness.StartAsync(azurite, Now, Settings);
        foreach (var site in sites)
        {
            await app.Get<SiteStore>().UpsertAsync(site);
        }

        return app;
    }
}
