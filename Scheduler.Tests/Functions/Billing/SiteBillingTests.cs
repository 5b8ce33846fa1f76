using NodaTime;
using Scheduler.Functions.Billing;
using Scheduler.Functions.Planning;
using Scheduler.Functions.Queues;
using Scheduler.Functions.Sessions;
using Scheduler.Functions.Sites;
using Scheduler.Functions.Triggers;
using Scheduler.Protocols.Messages;
using Scheduler.Tests.Storage;

namespace Scheduler.Tests.Functions.Billing;

[Collection("Azurite")]
public sealed class SiteBillingTests(AzuriteFixture azurite)
{
    // Tuesday 2026-03-10, 13:00 in Amsterdam.
    private static readonly Instant Now = Instant.FromUtc(2026, 3, 10, 12, 0);
    private static readonly DateTimeZone Amsterdam = DateTimeZoneProviders.Tzdb["Europe/Amsterdam"];

    [Fact]
    public async Task Run_MeteredHour_RecordsThePeakAndTheNextPlanIsGivenIt()
    {
        // A car drew 11.04 kWh in the hour before the plan (its meter says so) beside a 2 kW building: the site imported
        // 13.04 kW in each of those quarter-hours, which March's demand charge has now paid for.
        var settings = TestSites.WithCsms(new Uri("https://csms.example")) with { DemandChargePerKw = 10, BaseLoadKw = 2 };
        await using var app = await AppHarness.StartAsync(azurite, Now);
        await app.Get<SiteStore>().UpsertAsync(TestSites.Depot(settings: settings));
        var sessions = app.Get<SessionStore>();
        await sessions.ApplyAsync(new SessionEventMessage("e-1", "depot-1", SessionEventKind.Started, "cp-1", "tx-1", Now - Duration.FromHours(1), 0));
        await sessions.ApplyAsync(new SessionEventMessage("e-2", "depot-1", SessionEventKind.MeterValues, "cp-1", "tx-1", Now, 11_040, powerW: 11_040));

        await PlanAsync(app, "r-1");
        app.Clock.Advance(Duration.FromMinutes(15));
        await PlanAsync(app, "r-2");

        var (peaks, counted) = await app.Get<BillingPeakStore>().ReadAsync("depot-1");
        Assert.Equal(13.04, peaks.PeakKw("demand-2026-03"), 2);
        Assert.Equal(Now + Duration.FromMinutes(15), counted);
        var (plan, json) = (await app.Get<PlanStore>().GetLatestAsync("depot-1"))!.Value;
        Assert.Equal(13.04, PlanInputs.FromJson(plan.InputsJson).PeaksSoFarKw["demand-2026-03"], 2);
        Assert.Contains("\"peakSoFarKw\":13.04", json.Replace(" ", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_PlanInsideASlot_CountsWhatTheSlotDrewBeforeIt()
    {
        // A car plugged in at 13:00 and its meter read 1.84 kWh at 13:10: the plan made then knows the quarter-hour's
        // average import already holds 7.36 kW of it, as the utility's meter will.
        var settings = TestSites.WithCsms(new Uri("https://csms.example")) with { DemandChargePerKw = 10 };
        await using var app = await AppHarness.StartAsync(azurite, Now);
        await app.Get<SiteStore>().UpsertAsync(TestSites.Depot(settings: settings));
        var sessions = app.Get<SessionStore>();
        var at = Now + Duration.FromMinutes(10);
        await sessions.ApplyAsync(new SessionEventMessage("e-1", "depot-1", SessionEventKind.Started, "cp-1", "tx-1", Now, 0));
        await sessions.ApplyAsync(new SessionEventMessage("e-2", "depot-1", SessionEventKind.MeterValues, "cp-1", "tx-1", at, 1_840, powerW: 11_040));
        app.Clock.Advance(Duration.FromMinutes(10));

        await PlanAsync(app, "r-1");

        var plan = (await app.Get<PlanStore>().GetLatestAsync("depot-1"))!.Value.Plan;
        Assert.Equal(1.84, PlanInputs.FromJson(plan.InputsJson).DrawnThisSlotKwh, 3);
    }

    [Fact]
    public async Task Run_FirstPlanOfASiteWithABaseLoad_NoPeakBeforeItThenEachSlotSinceAsTheReplay()
    {
        // A 2 kW building and no car: the day before the site's first plan has no record of import, so March has paid
        // for nothing at that plan; the quarter-hour after it is the site's first recorded slot, as in a replay's start.
        var settings = TestSites.WithCsms(new Uri("https://csms.example")) with { DemandChargePerKw = 10, BaseLoadKw = 2 };
        await using var app = await AppHarness.StartAsync(azurite, Now);
        await app.Get<SiteStore>().UpsertAsync(TestSites.Depot(settings: settings));

        await PlanAsync(app, "r-1");
        var first = PlanInputs.FromJson((await app.Get<PlanStore>().GetLatestAsync("depot-1"))!.Value.Plan.InputsJson);
        app.Clock.Advance(Duration.FromMinutes(15));
        await PlanAsync(app, "r-2");
        var second = PlanInputs.FromJson((await app.Get<PlanStore>().GetLatestAsync("depot-1"))!.Value.Plan.InputsJson);

        Assert.Equal(0, first.PeaksSoFarKw["demand-2026-03"], 6);
        Assert.Equal(2, second.PeaksSoFarKw["demand-2026-03"], 6);
    }

    [Fact]
    public void Charges_SpanIntoANewMonth_TheNewPeriodHasItsOwnChargeFromItsLocalMidnight()
    {
        // Amsterdam moved to summer time on 29 March 2026: April starts at 22:00 UTC on 31 March.
        var site = TestSites.Depot(settings: new SiteSettings { DemandChargePerKw = 10 });

        var charges = SiteBilling.Charges(site, Amsterdam, Instant.FromUtc(2026, 3, 31, 20, 0), Instant.FromUtc(2026, 4, 1, 2, 0));

        Assert.Equal(["demand-2026-03", "demand-2026-04"], charges.Select(c => c.Id));
        Assert.Equal(Instant.FromUtc(2026, 3, 31, 22, 0), charges[1].Intervals[0].Start);
        Assert.Equal(Instant.FromUtc(2026, 4, 30, 22, 0), charges[1].Intervals[0].End);
    }

    [Fact]
    public void Charges_CycleDay15_PeriodsFromThe15th()
    {
        var site = TestSites.Depot(settings: new SiteSettings { DemandChargePerKw = 10, BillingCycleDay = 15 });

        var charge = Assert.Single(SiteBilling.Charges(site, Amsterdam, Now, Now + Duration.FromHours(4)));

        Assert.Equal("demand-2026-02", charge.Id);
        Assert.Equal(Instant.FromUtc(2026, 3, 14, 23, 0), charge.Intervals[0].End);
    }

    private static async Task PlanAsync(AppHarness app, string requestId)
    {
        await app.SendAsync(QueueNames.PlanRequests, TestMessages.PlanRequest(requestId, "depot-1", app.Clock.GetCurrentInstant()));
        await app.DrainAsync(QueueNames.PlanRequests, m => app.Function<PlanSiteFunction>().Run(m, default));
    }
}
