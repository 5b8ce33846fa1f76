using Azure.Data.Tables;
using NodaTime;
using Scheduler.Functions.Billing;
using Scheduler.Functions.Planning;
using Scheduler.Functions.Queues;
using Scheduler.Functions.Sessions;
using Scheduler.Functions.Sites;
using Scheduler.Functions.Storage;
using Scheduler.Functions.Triggers;
using Scheduler.Protocols.Messages;
using Scheduler.Tests.Storage;

namespace Scheduler.Tests.Functions.Billing;

/// <summary>The billing peaks of a site that sends its own meter: from it where it covers a slot, else from the meter sums.</summary>
[Collection("Azurite")]
public sealed class SiteMeterBillingTests(AzuriteFixture azurite)
{
    // Tuesday 2026-03-10, 13:00 in Amsterdam.
    private static readonly Instant Now = Instant.FromUtc(2026, 3, 10, 12, 0);
    private static readonly Duration FiveMinutes = Duration.FromMinutes(5);

    [Fact]
    public async Task Plan_SiteMeterCoversTheHour_PeakFromTheMeterAloneWhateverTheOrderAndRepeats()
    {
        // The car drew 11.04 kWh in the hour (13.04 kW with the 2 kW base load by the meter sums); the site's meter says
        // the whole site drew 15 kW in that hour. Its readings come shuffled, one twice and one again under another id.
        await using var app = await StartWithACarAsync();
        var readings = Enumerable.Range(0, 13).Select(i => TestMessages.SiteMeterRegister($"m-{i}", "depot-1", Now - Duration.FromHours(1) + (FiveMinutes * i), 5000 + (1.25 * i))).ToList();
        var shuffled = Enumerable.Range(0, 13).Select(i => readings[i * 5 % 13]).Append(readings[4]).Append(readings[7].Replace("\"m-7\"", "\"m-7-again\"", StringComparison.Ordinal));
        foreach (var reading in shuffled)
        {
            await app.SendAsync(QueueNames.SiteMeter, reading);
        }

        await DrainMeterAsync(app);
        await PlanAsync(app, "r-1");

        var (peaks, counted) = await app.Get<BillingPeakStore>().ReadAsync("depot-1");
        Assert.Equal(15, peaks.PeakKw("demand-2026-03"), 6);
        Assert.Equal(Now, counted);
        Assert.Equal(Enumerable.Repeat(("site-meter", 15.0), 4), await CountedAsync(app, Now - Duration.FromHours(1), Now));
        Assert.Equal(15, PlanInputs.FromJson((await app.Get<PlanStore>().GetLatestAsync("depot-1"))!.Value.Plan.InputsJson).PeaksSoFarKw["demand-2026-03"], 6);
    }

    [Fact]
    public async Task Plan_NoSiteMeter_PeakFromTheMeterSumsAndTheBaseLoad()
    {
        await using var app = await StartWithACarAsync();

        await PlanAsync(app, "r-1");

        var (peaks, _) = await app.Get<BillingPeakStore>().ReadAsync("depot-1");
        Assert.Equal(13.04, peaks.PeakKw("demand-2026-03"), 6);
        Assert.Equal(Enumerable.Repeat(("meter-sums", 13.04), 4), await CountedAsync(app, Now - Duration.FromHours(1), Now));
    }

    [Fact]
    public async Task Plan_GapInTheSiteMeter_ThatSlotFromTheMeterSumsTheOthersFromTheMeter()
    {
        // 9 kW by the site's meter, but no readings between 11:20 and 11:45: the slots 11:15-11:30 and 11:30-11:45 are
        // the chargers' and the building's (13.04 kW), the others the meter's; none is counted twice.
        await using var app = await StartWithACarAsync();
        for (var i = 0; i <= 12; i++)
        {
            var at = Now - Duration.FromHours(1) + (FiveMinutes * i);
            if (i is < 5 or > 8)
            {
                await app.SendAsync(QueueNames.SiteMeter, TestMessages.SiteMeterRegister($"m-{i}", "depot-1", at, 100 + (0.75 * i)));
            }
        }

        await DrainMeterAsync(app);
        await PlanAsync(app, "r-1");

        Assert.Equal(
            [("site-meter", 9.0), ("meter-sums", 13.04), ("meter-sums", 13.04), ("site-meter", 9.0)],
            await CountedAsync(app, Now - Duration.FromHours(1), Now));
        var (peaks, _) = await app.Get<BillingPeakStore>().ReadAsync("depot-1");
        Assert.Equal(13.04, peaks.PeakKw("demand-2026-03"), 6);
    }

    [Fact]
    public async Task Plan_ClosingReadingLate_SlotWaitsForItThenFallsBackAfterTheGrace()
    {
        // Readings up to 12:10 only: the plan at 12:15 waits for the one that closes 12:00-12:15. It comes at 12:17
        // and the next plan counts the slot from it (40 kW). The slots after get no readings at all: at 12:45 the grace
        // of 12:15-12:30 is over and it is counted from the meter sums, while 12:30-12:45 still waits.
        await using var app = await StartWithACarAsync();
        for (var i = 0; i <= 14; i++)
        {
            await app.SendAsync(QueueNames.SiteMeter, TestMessages.SiteMeterRegister($"m-{i}", "depot-1", Now - Duration.FromHours(1) + (FiveMinutes * i), 100 + (i <= 12 ? 0.75 * i : 9 + (3.3334 * (i - 12)))));
        }

        await DrainMeterAsync(app);
        await PlanAsync(app, "r-1");
        app.Clock.Advance(Duration.FromMinutes(15));
        await PlanAsync(app, "r-2");
        Assert.Equal(Now, (await app.Get<BillingPeakStore>().ReadAsync("depot-1")).CountedUntil);

        app.Clock.Advance(Duration.FromMinutes(2));
        await app.SendAsync(QueueNames.SiteMeter, TestMessages.SiteMeterRegister("m-15", "depot-1", Now + Duration.FromMinutes(15), 100 + 9 + 10));
        await DrainMeterAsync(app);
        await PlanAsync(app, "r-3");
        app.Clock.Advance(Duration.FromMinutes(28));
        await PlanAsync(app, "r-4");

        var (peaks, counted) = await app.Get<BillingPeakStore>().ReadAsync("depot-1");
        Assert.Equal(Now + Duration.FromMinutes(30), counted);
        var counts = await CountedAsync(app, Now, Now + Duration.FromMinutes(30));
        Assert.Equal(("site-meter", 40.0), (counts[0].Source, Math.Round(counts[0].Kw, 3)));
        Assert.Equal("meter-sums", counts[1].Source);
        Assert.Equal(40, peaks.PeakKw("demand-2026-03"), 3);
    }

    [Fact]
    public async Task Plan_SiteMeterAcrossTheMonthEnd_AprilStartsFromZeroAtItsSummerTimeMidnight()
    {
        // Amsterdam is on summer time since 29 March: April starts at 22:00 UTC on 31 March (March started at 23:00 UTC).
        // The meter sends quarter-hour averages: 40 kW in March's last quarter-hour, then 12 kW in April.
        var monthEnd = Instant.FromUtc(2026, 3, 31, 22, 0);
        await using var app = await AppHarness.StartAsync(azurite, monthEnd + Duration.FromMinutes(30));
        await app.Get<SiteStore>().UpsertAsync(TestSites.Depot(settings: Settings()));
        var quarter = Duration.FromMinutes(15);
        await app.SendAsync(QueueNames.SiteMeter, TestMessages.SiteMeterAverage("a-1", "depot-1", monthEnd - (quarter * 2), monthEnd - quarter, 20));
        await app.SendAsync(QueueNames.SiteMeter, TestMessages.SiteMeterAverage("a-2", "depot-1", monthEnd - quarter, monthEnd, 40));
        await app.SendAsync(QueueNames.SiteMeter, TestMessages.SiteMeterAverage("a-3", "depot-1", monthEnd, monthEnd + quarter, 12));
        await app.SendAsync(QueueNames.SiteMeter, TestMessages.SiteMeterAverage("a-4", "depot-1", monthEnd + quarter, monthEnd + (quarter * 2), 9));

        await DrainMeterAsync(app);
        await PlanAsync(app, "r-1");

        var (peaks, _) = await app.Get<BillingPeakStore>().ReadAsync("depot-1");
        Assert.Equal(40, peaks.PeakKw("demand-2026-03"), 6);
        Assert.Equal(12, peaks.PeakKw("demand-2026-04"), 6);
        var inputs = PlanInputs.FromJson((await app.Get<PlanStore>().GetLatestAsync("depot-1"))!.Value.Plan.InputsJson);
        Assert.Equal(12, inputs.PeaksSoFarKw["demand-2026-04"], 6);
        Assert.False(inputs.PeaksSoFarKw.ContainsKey("demand-2026-03"));
    }

    private static SiteSettings Settings() => TestSites.WithCsms(new Uri("https://csms.example")) with { DemandChargePerKw = 10, BaseLoadKw = 2 };

    // The depot with a car that drew 11.04 kWh in the hour before now, by its charger's meter.
    private async Task<AppHarness> StartWithACarAsync()
    {
        var app = await AppHarness.StartAsync(azurite, Now);
        await app.Get<SiteStore>().UpsertAsync(TestSites.Depot(settings: Settings()));
        var sessions = app.Get<SessionStore>();
        await sessions.ApplyAsync(new SessionEventMessage("e-1", "depot-1", SessionEventKind.Started, "cp-1", "tx-1", Now - Duration.FromHours(1), 0));
        await sessions.ApplyAsync(new SessionEventMessage("e-2", "depot-1", SessionEventKind.MeterValues, "cp-1", "tx-1", Now, 11_040, powerW: 11_040));
        return app;
    }

    // Each counted slot from one instant to another: where its import came from, and the import in kW.
    private static async Task<List<(string Source, double Kw)>> CountedAsync(AppHarness app, Instant from, Instant to) =>
        [.. (await app.RowsAsync(TableNames.SiteImport))
            .Where(r => r.GetString("Source") is not null)
            .Select(r => (At: Instant.FromDateTimeOffset(r.GetDateTimeOffset("SlotStart")!.Value), Source: r.GetString("Source"), Kw: Math.Round(r.GetDouble("ImportKw")!.Value, 6)))
            .Where(r => r.At >= from && r.At < to)
            .OrderBy(r => r.At)
            .Select(r => (r.Source, r.Kw))];

    private static Task DrainMeterAsync(AppHarness app) =>
        app.DrainAsync(QueueNames.SiteMeter, m => app.Function<IngestSiteMeterFunction>().Run(m, default));

    private static async Task PlanAsync(AppHarness app, string requestId)
    {
        await app.SendAsync(QueueNames.PlanRequests, TestMessages.PlanRequest(requestId, "depot-1", app.Clock.GetCurrentInstant()));
        await app.DrainAsync(QueueNames.PlanRequests, m => app.Function<PlanSiteFunction>().Run(m, default));
    }
}
