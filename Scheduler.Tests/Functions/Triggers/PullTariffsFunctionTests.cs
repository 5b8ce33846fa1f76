using System.Text.Json;
using Microsoft.Azure.Functions.Worker;
using NodaTime;
using Scheduler.Functions.Triggers;
using Scheduler.Functions.Planning;
using Scheduler.Functions.Queues;
using Scheduler.Functions.Sessions;
using Scheduler.Functions.Sites;
using Scheduler.Functions.Tariffs;
using Scheduler.Protocols.Messages;
using Scheduler.Tests.Functions.Fakes;
using Scheduler.Tests.Protocols.Tariffs;
using Scheduler.Tests.Storage;

namespace Scheduler.Tests.Functions.Triggers;

[Collection("Azurite")]
public sealed class PullTariffsFunctionTests(AzuriteFixture azurite)
{
    // Wednesday 2025-10-01, 10:00 in Amsterdam: the first quarter-hourly day of the Energy-Charts sample.
    private static readonly Instant Now = Instant.FromUtc(2025, 10, 1, 8, 0);

    // Today and the next two days in Amsterdam.
    private static readonly Instant From = Instant.FromUtc(2025, 9, 30, 22, 0);
    private static readonly Instant To = Instant.FromUtc(2025, 10, 3, 22, 0);

    // Real Energy-Charts prices for the AT zone (same offset as Amsterdam): 96 quarter-hours of 2025-10-01 local.
    private static readonly string Sample = TariffSamples.Text("awattar-at/raw-cache15/2025-10-01_1759269600000.json");

    // One attempt per fetch: a 503 is recorded at once, without the retry delays of the production client.
    private static readonly Dictionary<string, string?> OneAttempt = new() { ["TariffFeeds:Attempts"] = "1" };

    [Fact]
    public async Task Run_FeedAnswers_PricesStoredStatusSucceededAndReplanRequested()
    {
        await using var feed = await FakeFeedServer.StartAsync();
        feed.Serve(Sample);
        await using var app = await StartAsync(OneAttempt, TestSites.Depot(settings: FeedSettings(feed)));

        await RunAsync(app);

        var prices = await app.Get<TariffStore>().ReadPricesAsync("depot-1", From, To);
        Assert.Equal(96, prices.Count);
        Assert.Equal(From, prices[0].Interval.Start);
        Assert.Equal(0.10887, prices[0].Interval.PerKwh, 9);
        Assert.All(prices, p => Assert.Equal(("EUR", "feed:energycharts", Now), (p.Currency, p.Source, p.FetchedAt)));
        Assert.Equal(new TariffFeedStatus("feed:energycharts", Now, Now, null), await app.Get<TariffStore>().ReadStatusAsync("depot-1"));
        var request = PlanRequestMessageReader.Read(Assert.Single(await app.PeekAsync(QueueNames.PlanRequests))).Message!;
        Assert.Equal(("depot-1", "tariff", Now), (request.SiteId, request.Reason, request.RequestedAt));
    }

    [Fact]
    public async Task Run_UrlWithPlaceholders_FilledWithTheSiteZonesThreeDays()
    {
        await using var feed = await FakeFeedServer.StartAsync();
        feed.Serve(Sample);
        var url = feed.BaseUrl + "v1/marketdata?start={from}&end={to}&day={fromDate}&until={toDate}";
        await using var app = await StartAsync(OneAttempt, TestSites.Depot(settings: FeedSettings(feed, url)));

        await RunAsync(app);

        var query = Assert.Single(feed.Requests).Query;
        Assert.Equal("2025-09-30T22:00:00Z", query["start"]);
        Assert.Equal("2025-10-03T22:00:00Z", query["end"]);
        Assert.Equal("2025-09-30", query["day"]);
        Assert.Equal("2025-10-03", query["until"]);
    }

    [Fact]
    public async Task Run_HeadersSetting_NameValueLinesReachTheFeed()
    {
        await using var feed = await FakeFeedServer.StartAsync();
        feed.Serve(Sample);
        var settings = new Dictionary<string, string?>(OneAttempt) { ["FeedHeaders"] = "X-Api-Key: key-123\nX-Customer : depot one \n" };
        var site = TestSites.Depot(settings: FeedSettings(feed) with { TariffFeed = FeedSettings(feed).TariffFeed! with { HeadersSetting = "FeedHeaders" } });
        await using var app = await StartAsync(settings, site);

        await RunAsync(app);

        var headers = Assert.Single(feed.Requests).Headers;
        Assert.Equal("key-123", headers["X-Api-Key"]);
        Assert.Equal("depot one", headers["X-Customer"]);
    }

    [Fact]
    public async Task Run_FeedAnswers503_ErrorRecordedAndStoredPricesKept()
    {
        await using var feed = await FakeFeedServer.StartAsync();
        feed.Serve(Sample);
        await using var app = await StartAsync(OneAttempt, TestSites.Depot(settings: FeedSettings(feed)));
        await RunAsync(app);
        await ClearPlanRequestsAsync(app);
        feed.Fail(503);
        app.Clock.Advance(Duration.FromHours(1));

        await RunAsync(app);

        var status = (await app.Get<TariffStore>().ReadStatusAsync("depot-1"))!;
        Assert.Equal((Now, Now + Duration.FromHours(1)), (status.LastSuccessAt, status.LastAttemptAt));
        Assert.Contains("503", status.LastError, StringComparison.Ordinal);
        var prices = await app.Get<TariffStore>().ReadPricesAsync("depot-1", From, To);
        Assert.Equal(96, prices.Count);
        Assert.All(prices, p => Assert.Equal(Now, p.FetchedAt));
        Assert.Empty(await app.PeekAsync(QueueNames.PlanRequests));
    }

    [Fact]
    public async Task Run_SiteWithTouTariffAndNoFeed_Skipped()
    {
        await using var feed = await FakeFeedServer.StartAsync();
        feed.Serve(Sample);
        var touOnly = new SiteSettings { TouTariff = JsonDocument.Parse(TestSites.DayNightTou).RootElement.Clone() };
        await using var app = await StartAsync(OneAttempt, TestSites.Depot("depot-1", touOnly), TestSites.Depot("depot-2", FeedSettings(feed)));

        await RunAsync(app);

        Assert.Single(feed.Requests);
        Assert.Null(await app.Get<TariffStore>().ReadStatusAsync("depot-1"));
        Assert.Empty(await app.Get<TariffStore>().ReadPricesAsync("depot-1", From, To));
        var request = PlanRequestMessageReader.Read(Assert.Single(await app.PeekAsync(QueueNames.PlanRequests))).Message!;
        Assert.Equal("depot-2", request.SiteId);
    }

    [Theory]
    [InlineData("503", "503")]
    [InlineData("ftp-url", "http(s)")]
    [InlineData("unknown-format", "unknown feed format")]
    [InlineData("headers-unset", "MissingHeaders")]
    [InlineData("not-prices", "not valid")]
    public async Task Run_OneSitesFeedBroken_OtherSitePulled(string trouble, string expectedError)
    {
        await using var broken = await FakeFeedServer.StartAsync();
        broken.Serve("""{"data":"none"}""");
        await using var feed = await FakeFeedServer.StartAsync();
        feed.Serve(Sample);
        var brokenFeed = FeedSettings(broken).TariffFeed!;
        brokenFeed = trouble switch
        {
            "ftp-url" => brokenFeed with { Url = "ftp://127.0.0.1/prices" },
            "unknown-format" => brokenFeed with { Format = "epexspot" },
            "headers-unset" => brokenFeed with { HeadersSetting = "MissingHeaders" },
            _ => brokenFeed,
        };
        if (trouble == "503")
        {
            broken.Fail(503);
        }

        await using var app = await StartAsync(OneAttempt, TestSites.Depot("depot-1", new SiteSettings { TariffFeed = brokenFeed }), TestSites.Depot("depot-2", FeedSettings(feed)));

        await RunAsync(app);

        Assert.Contains(expectedError, (await app.Get<TariffStore>().ReadStatusAsync("depot-1"))!.LastError, StringComparison.Ordinal);
        Assert.Equal(96, (await app.Get<TariffStore>().ReadPricesAsync("depot-2", From, To)).Count);
        Assert.Null((await app.Get<TariffStore>().ReadStatusAsync("depot-2"))!.LastError);
        var request = PlanRequestMessageReader.Read(Assert.Single(await app.PeekAsync(QueueNames.PlanRequests))).Message!;
        Assert.Equal("depot-2", request.SiteId);
    }

    [Fact]
    public async Task Run_FeedDownAfterASuccess_PlansFallBackOnLastKnownThenTou()
    {
        await using var feed = await FakeFeedServer.StartAsync();
        feed.Serve(Sample);
        var settings = FeedSettings(feed) with { TouTariff = JsonDocument.Parse(TestSites.DayNightTou).RootElement.Clone() };
        await using var app = await StartAsync(OneAttempt, TestSites.Depot(settings: settings));
        await RunAsync(app);
        await ClearPlanRequestsAsync(app);
        feed.Fail(503);
        app.Clock.Advance(Duration.FromHours(3));
        await RunAsync(app);
        // Leaves at 17:00 local, within the pulled day, so the feed's prices alone cover the window.
        await app.Get<SessionStore>().ApplyAsync(new SessionEventMessage("s-1", "depot-1", SessionEventKind.Started, "cp-1", "tx-1", app.Clock.GetCurrentInstant(), 0));
        await app.Get<Scheduler.Functions.Departures.DepartureStore>().SetAsync(
            new DepartureMessage("d-1", "depot-1", "cp-1:tx-1", null, Instant.FromUtc(2025, 10, 1, 15, 0), 20), app.Clock.GetCurrentInstant());

        await PlanAsync(app, "r-3h");
        var afterThreeHours = await LatestInputsAsync(app);
        app.Clock.Advance(Duration.FromHours(27));
        await RunAsync(app);
        await PlanAsync(app, "r-30h");
        var afterThirtyHours = await LatestInputsAsync(app);

        Assert.Equal("last-known", afterThreeHours.PriceFallback);
        Assert.All(afterThreeHours.Prices, p => Assert.Equal("feed:energycharts", p.Source));
        Assert.Equal("tou", afterThirtyHours.PriceFallback);
        Assert.All(afterThirtyHours.Prices, p => Assert.Equal("tou", p.Source));
    }

    private static SiteSettings FeedSettings(FakeFeedServer feed, string? url = null) => new()
    {
        TariffFeed = new TariffFeedSettings { Format = "energycharts", Url = url ?? feed.BaseUrl + "prices" },
    };

    // The timer fans out one message per site; PullSiteTariff does the pull.
    private static async Task RunAsync(AppHarness app)
    {
        await app.Function<PullTariffsFunction>().Run(new TimerInfo { IsPastDue = false }, default);
        await app.DrainAsync(QueueNames.TariffPulls, m => app.Function<PullSiteTariffFunction>().Run(m, default));
    }

    private static async Task PlanAsync(AppHarness app, string requestId)
    {
        await app.SendAsync(QueueNames.PlanRequests, TestMessages.PlanRequest(requestId, "depot-1", app.Clock.GetCurrentInstant()));
        await app.DrainAsync(QueueNames.PlanRequests, m => app.Function<PlanSiteFunction>().Run(m, default));
    }

    private static async Task<PlanInputs> LatestInputsAsync(AppHarness app) =>
        PlanInputs.FromJson((await app.Get<PlanStore>().GetLatestAsync("depot-1"))!.Value.Plan.InputsJson);

    private static async Task ClearPlanRequestsAsync(AppHarness app) =>
        await (await app.Get<QueueSender>().GetAsync(QueueNames.PlanRequests)).ClearMessagesAsync();

    private async Task<AppHarness> StartAsync(IDictionary<string, string?> settings, params SiteRecord[] sites)
    {
        var app = await AppHarness.StartAsync(azurite, Now, settings);
        foreach (var site in sites)
        {
            await app.Get<SiteStore>().UpsertAsync(site);
        }

        return app;
    }
}
