using NodaTime;
using Scheduler.Functions.Departures;
using Scheduler.Functions.Triggers;
using Scheduler.Functions.Queues;
using Scheduler.Functions.Sessions;
using Scheduler.Functions.Sites;
using Scheduler.Functions.Storage;
using Scheduler.Tests.Storage;

namespace Scheduler.Tests.Functions.Triggers;

[Collection("Azurite")]
public sealed class IngestDepartureFunctionTests(AzuriteFixture azurite)
{
    private static readonly Instant Now = Instant.FromUtc(2026, 3, 10, 12, 0);
    private static readonly SessionRecord Session = new()
    {
        Id = "cp-1:tx-1",
        ChargerId = "cp-1",
        TransactionId = "tx-1",
        Arrival = Now - Duration.FromHours(1),
    };

    [Fact]
    public async Task Run_Departure_StoresItAndRequestsReplan()
    {
        await using var app = await StartAsync();
        await app.SendAsync(QueueNames.Departures, TestMessages.Departure("d-1", "depot-1", Session.Id, Now + Duration.FromHours(6), 30));

        await app.DrainAsync(QueueNames.Departures, m => app.Function<IngestDepartureFunction>().Run(m, default));

        var stored = await app.Get<DepartureStore>().FindAsync("depot-1", Session);
        Assert.Equal(Now + Duration.FromHours(6), stored!.Departure);
        Assert.Equal(30, stored.EnergyKwh);
        var request = Assert.Single(await app.PeekAsync(QueueNames.PlanRequests));
        Assert.Contains("\"siteId\":\"depot-1\"", request, StringComparison.Ordinal);
        Assert.Contains("\"reason\":\"departure\"", request, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_TableCreationRefusedWhileTheRoleSpreads_ALaterDeliveryStoresIt()
    {
        await using var app = await StartAsync();
        // Every attempt of the first delivery meets a 403, as right after a deploy; the role then arrives.
        app.Storage.Fail(c => c.IsCreate && c.Path.Contains("Departures", StringComparison.Ordinal), 403, "AuthorizationPermissionMismatch", CreatedOnce<object>.Attempts);
        await app.SendAsync(QueueNames.Departures, TestMessages.Departure("d-1", "depot-1", Session.Id, Now + Duration.FromHours(6), 30));

        var deliveries = await app.DrainAsync(QueueNames.Departures, m => app.Function<IngestDepartureFunction>().Run(m, default));

        Assert.Equal(2, deliveries);
        Assert.NotNull(await app.Get<DepartureStore>().FindAsync("depot-1", Session));
        Assert.Empty(await app.PeekAsync(QueueNames.PoisonOf(QueueNames.Departures)));
    }

    [Fact]
    public async Task Run_DepartureBeforeItsSite_DeliveredAgainAndStoredOnceTheSiteArrives()
    {
        await using var app = await AppHarness.StartAsync(azurite, Now);
        await app.SendAsync(QueueNames.Departures, TestMessages.Departure("d-1", "depot-1", Session.Id, Now + Duration.FromHours(6), 30));

        // The site's own message is still on the sites queue when the departure arrives.
        var first = (await app.ReceiveAsync(QueueNames.Departures))!;
        await Assert.ThrowsAsync<MessageDeferredException>(() => app.Function<IngestDepartureFunction>().Run(first, default));
        await app.Queues.GetQueueClient(QueueNames.Departures).UpdateMessageAsync(first.MessageId, first.PopReceipt, visibilityTimeout: TimeSpan.Zero);
        await app.Get<SiteStore>().UpsertAsync(TestSites.Depot());
        await app.DrainAsync(QueueNames.Departures, m => app.Function<IngestDepartureFunction>().Run(m, default));

        Assert.Equal("d-1", (await app.Get<DepartureStore>().FindAsync("depot-1", Session))!.MessageId);
        Assert.Empty(await app.Get<PoisonStore>().ListAsync(QueueNames.Departures));
    }

    [Fact]
    public async Task Run_AppClockADayAhead_ACorrectionFiveMinutesLaterWins()
    {
        await using var app = await StartAsync();
        await app.SendAsync(QueueNames.Departures, TestMessages.Departure("d-ahead", "depot-1", Session.Id, Now + Duration.FromHours(6), 30, sentAt: Now + Duration.FromDays(1)));
        await IngestAsync(app);

        app.Clock.Advance(Duration.FromMinutes(5));
        await app.SendAsync(QueueNames.Departures, TestMessages.Departure("d-fix", "depot-1", Session.Id, Now + Duration.FromHours(3), 20, sentAt: Now + Duration.FromMinutes(5)));
        await IngestAsync(app);

        var stored = (await app.Get<DepartureStore>().FindAsync("depot-1", Session))!;
        Assert.Equal(("d-fix", Now + Duration.FromHours(3)), (stored.MessageId, stored.Departure));
        Assert.Equal(Now + Duration.FromMinutes(5), stored.SentAt);
    }

    [Fact]
    public async Task Run_SameMessageTwice_SecondChangesNothing()
    {
        await using var app = await StartAsync();
        var message = TestMessages.Departure("d-1", "depot-1", Session.Id, Now + Duration.FromHours(6), 30);
        await app.SendAsync(QueueNames.Departures, message);
        await app.SendAsync(QueueNames.Departures, message);

        var deliveries = await app.DrainAsync(QueueNames.Departures, m => app.Function<IngestDepartureFunction>().Run(m, default));

        Assert.Equal(2, deliveries);
        Assert.Single(await app.PeekAsync(QueueNames.PlanRequests));
        Assert.Single(await app.RowsAsync(TableNames.Departures));
        Assert.Contains(app.Logs.Lines, l => l.Text.Contains("d-1", StringComparison.Ordinal) && l.Text.Contains("processed before", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Run_OlderSettingArrivesLate_NewerOneKept()
    {
        await using var app = await StartAsync();
        await app.SendAsync(QueueNames.Departures, TestMessages.Departure("d-new", "depot-1", Session.Id, Now + Duration.FromHours(8), 40, sentAt: Now - Duration.FromMinutes(1)));
        await app.SendAsync(QueueNames.Departures, TestMessages.Departure("d-old", "depot-1", Session.Id, Now + Duration.FromHours(3), 10, sentAt: Now - Duration.FromMinutes(5)));

        await app.DrainAsync(QueueNames.Departures, m => app.Function<IngestDepartureFunction>().Run(m, default));

        var stored = await app.Get<DepartureStore>().FindAsync("depot-1", Session);
        Assert.Equal("d-new", stored!.MessageId);
        Assert.Equal(40, stored.EnergyKwh);
    }

    [Fact]
    public async Task Run_MalformedAndInvalidMessages_RecordedWithReasonAndTextWhileTheRestFlow()
    {
        await using var app = await StartAsync();
        await app.SendAsync(QueueNames.Departures, "{ this is not json");
        await app.SendAsync(QueueNames.Departures, TestMessages.Departure("d-past", "depot-1", Session.Id, Now - Duration.FromHours(1), 30));
        await app.SendAsync(QueueNames.Departures, TestMessages.Departure("d-nosite", "nowhere", Session.Id, Now + Duration.FromHours(2), 30));
        await app.SendAsync(QueueNames.Departures, TestMessages.Departure("d-good", "depot-1", Session.Id, Now + Duration.FromHours(6), 30));

        var deliveries = await app.DrainAsync(QueueNames.Departures, m => app.Function<IngestDepartureFunction>().Run(m, default));

        // The unknown site may still be on its way: its message is delivered five times before it is refused.
        Assert.Equal(8, deliveries);
        Assert.Equal("d-good", (await app.Get<DepartureStore>().FindAsync("depot-1", Session))!.MessageId);
        var poisoned = await app.Get<PoisonStore>().ListAsync(QueueNames.Departures);
        Assert.Equal(["departure.in-past", "json.malformed", "site.unknown"], poisoned.Select(r => r.Code).Order(StringComparer.Ordinal));
        Assert.Contains(poisoned, r => r.Text == "{ this is not json");
        Assert.Empty(await app.PeekAsync(QueueNames.PoisonOf(QueueNames.Departures)));
        Assert.Contains(app.Logs.Lines, l => l.Text.Contains("d-past", StringComparison.Ordinal) && l.Text.Contains("departure.in-past", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Run_VehicleSetsLocalTimeAndSoc_AppliesToItsNextSession()
    {
        await using var app = await StartAsync();
        await app.SendAsync(QueueNames.Departures, TestMessages.VehicleDeparture("d-v", "depot-1", "van-7", "2026-03-11T07:30", "Europe/Amsterdam", 80, 30, 60));

        await app.DrainAsync(QueueNames.Departures, m => app.Function<IngestDepartureFunction>().Run(m, default));

        var stored = await app.Get<DepartureStore>().FindAsync("depot-1", Session with { VehicleId = "van-7", Arrival = Now + Duration.FromHours(2) });
        Assert.Equal(Instant.FromUtc(2026, 3, 11, 6, 30), stored!.Departure);
        Assert.Equal(30, stored.EnergyKwh, 9);
    }

    private static Task<int> IngestAsync(AppHarness app) =>
        app.DrainAsync(QueueNames.Departures, m => app.Function<IngestDepartureFunction>().Run(m, default));

    private async Task<AppHarness> StartAsync()
    {
        var app = await AppHarness.StartAsync(azurite, Now);
        await app.Get<SiteStore>().UpsertAsync(TestSites.Depot());
        return app;
    }
}
