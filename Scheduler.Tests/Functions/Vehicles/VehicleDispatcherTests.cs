using NodaTime;
using Scheduler.Functions.Planning;
using Scheduler.Functions.Queues;
using Scheduler.Functions.Sessions;
using Scheduler.Functions.Sites;
using Scheduler.Functions.Vehicles;
using Scheduler.Protocols.Messages;
using Scheduler.Tests.Functions.Fakes;
using Scheduler.Tests.Storage;

namespace Scheduler.Tests.Functions.Vehicles;

/// <summary>Sessions whose vehicle is commanded through the Tesla Fleet API, on Azurite with a loopback API.</summary>
[Collection("Azurite")]
public sealed class VehicleDispatcherTests(AzuriteFixture azurite)
{
    // Tuesday 2026-03-10, 13:00 in Amsterdam.
    private static readonly Instant Now = Instant.FromUtc(2026, 3, 10, 12, 0);

    [Fact]
    public async Task ReplayedDay_VehicleFollowsItsPlanMinuteByMinute()
    {
        await using var tesla = await FakeTeslaServer.StartAsync();
        tesla.AddVehicle(VehicleTestSite.ApiVehicleId);
        await using var app = await VehicleTestSite.StartAsync(azurite, tesla, Now);
        await VehicleTestSite.StartSessionAsync(app, Now, Duration.FromHours(6), 20);
        await VehicleTestSite.PlanAsync(app, "r-1");
        var (_, planJson) = (await app.Get<PlanStore>().GetLatestAsync("depot-1"))!.Value;
        var steps = VehiclePlanSteps.Read(planJson, "cp-1:tx-1");
        await VehicleTestSite.RunDueStepsAsync(app);

        var mismatches = new List<string>();
        var changes = 0;
        for (var minute = 1; minute <= 8 * 60; minute++)
        {
            tesla.Run(1);
            app.Clock.Advance(Duration.FromMinutes(1));
            changes += await VehicleTestSite.RunDueStepsAsync(app);
            var planned = steps.CurrentAt(app.Clock.GetCurrentInstant());
            var (charging, amps, _) = tesla.StateOf(VehicleTestSite.ApiVehicleId);
            if (charging != planned > 0 || (charging && amps != planned))
            {
                mismatches.Add($"{app.Clock.GetCurrentInstant()}: planned {planned} A, vehicle {(charging ? amps + " A" : "stopped")}");
            }
        }

        Assert.Empty(mismatches);
        Assert.True(changes >= 2, $"the plan should start and stop the vehicle, ran {changes} step(s)");
        Assert.DoesNotContain(await app.PeekAsync(QueueNames.Dispatch), m => m.Contains("\"TxProfile\"", StringComparison.Ordinal));
        var session = await app.Get<SessionStore>().GetAsync("depot-1", "cp-1:tx-1");
        Assert.Equal(tesla.StateOf(VehicleTestSite.ApiVehicleId).EnergyAddedKwh, session!.MeteredKwh!.Value, 0.05);
        Assert.Equal(20, session.MeteredKwh!.Value, 1.0);
        Assert.NotNull(session.VehicleSocPercent);
    }

    [Fact]
    public async Task Step_SleepingVehicle_IsWokenAndCommandedAfterItsWakeDelay()
    {
        await using var tesla = await FakeTeslaServer.StartAsync();
        tesla.AddVehicle(VehicleTestSite.ApiVehicleId, asleep: true);
        await using var app = await VehicleTestSite.StartAsync(azurite, tesla, Now);
        await VehicleTestSite.StartSessionAsync(app, Now, Duration.FromHours(4), 20);
        await VehicleTestSite.PlanAsync(app, "r-1");

        await VehicleTestSite.RunDueStepsAsync(app);
        var whileAsleep = tesla.Commands;
        app.Clock.Advance(Duration.FromSeconds(30));
        await VehicleTestSite.RunDueStepsAsync(app);

        Assert.Equal([$"{VehicleTestSite.ApiVehicleId} wake_up"], whileAsleep);
        Assert.True(tesla.StateOf(VehicleTestSite.ApiVehicleId).Charging);
    }

    [Fact]
    public async Task Step_RateLimited_WaitsForRetryAfter()
    {
        await using var tesla = await FakeTeslaServer.StartAsync();
        tesla.AddVehicle(VehicleTestSite.ApiVehicleId);
        await using var app = await VehicleTestSite.StartAsync(azurite, tesla, Now);
        await VehicleTestSite.StartSessionAsync(app, Now, Duration.FromHours(4), 20);
        await VehicleTestSite.PlanAsync(app, "r-1");
        tesla.RateLimitNext(1, 120);

        await VehicleTestSite.RunDueStepsAsync(app);
        app.Clock.Advance(Duration.FromSeconds(119));
        await VehicleTestSite.RunDueStepsAsync(app);
        var beforeRetryAfter = tesla.StateOf(VehicleTestSite.ApiVehicleId).Charging;
        app.Clock.Advance(Duration.FromSeconds(1));
        await VehicleTestSite.RunDueStepsAsync(app);

        Assert.False(beforeRetryAfter);
        Assert.True(tesla.StateOf(VehicleTestSite.ApiVehicleId).Charging);
    }

    [Fact]
    public async Task Step_UnreachableVehicle_IsRetriedThenHeldAndPlannedWithout()
    {
        await using var tesla = await FakeTeslaServer.StartAsync();
        tesla.AddVehicle(VehicleTestSite.ApiVehicleId);
        tesla.Down = true;
        await using var app = await VehicleTestSite.StartAsync(azurite, tesla, Now);
        await VehicleTestSite.StartSessionAsync(app, Now, Duration.FromHours(4), 20);
        await VehicleTestSite.PlanAsync(app, "r-1");

        var tries = 0;
        for (var i = 0; i < 5; i++)
        {
            tries += await VehicleTestSite.RunDueStepsAsync(app);
            app.Clock.Advance(Duration.FromMinutes(1));
        }

        Assert.Equal(3, tries);
        var charger = await app.Get<SiteStore>().GetChargerAsync("depot-1", "cp-1");
        Assert.Equal("tx-1", charger!.HeldTransactionId);
        Assert.Contains("unreachable", charger.HeldReason, StringComparison.Ordinal);
        await VehicleTestSite.PlanAsync(app, "r-2");
        var inputs = PlanInputs.FromJson((await app.Get<PlanStore>().GetLatestAsync("depot-1"))!.Value.Plan.InputsJson);
        Assert.Equal("cp-1", Assert.Single(inputs.HeldChargers).ChargerId);
    }

    [Fact]
    public async Task Step_AfterTheSessionEnded_SendsNoCommand()
    {
        await using var tesla = await FakeTeslaServer.StartAsync();
        tesla.AddVehicle(VehicleTestSite.ApiVehicleId);
        await using var app = await VehicleTestSite.StartAsync(azurite, tesla, Now);
        await VehicleTestSite.StartSessionAsync(app, Now, Duration.FromHours(4), 20);
        await VehicleTestSite.PlanAsync(app, "r-1");
        await app.Get<SessionStore>().ApplyAsync(new SessionEventMessage("s-2", "depot-1", SessionEventKind.Stopped, "cp-1", "tx-1", Now, 0));

        await VehicleTestSite.RunDueStepsAsync(app);

        Assert.Empty(tesla.Commands);
    }

    [Fact]
    public async Task Step_OfAnOlderPlan_IsDroppedAndTheNewestRunsOnce()
    {
        await using var tesla = await FakeTeslaServer.StartAsync();
        tesla.AddVehicle(VehicleTestSite.ApiVehicleId);
        await using var app = await VehicleTestSite.StartAsync(azurite, tesla, Now);
        await VehicleTestSite.StartSessionAsync(app, Now, Duration.FromHours(4), 20);
        await VehicleTestSite.PlanAsync(app, "r-1");
        app.Clock.Advance(Duration.FromMinutes(1));
        await VehicleTestSite.PlanAsync(app, "r-2");

        await VehicleTestSite.RunDueStepsAsync(app);
        await VehicleTestSite.RunDueStepsAsync(app);

        Assert.Single(tesla.Commands, c => c.Contains("charge_start", StringComparison.Ordinal));
    }
}
