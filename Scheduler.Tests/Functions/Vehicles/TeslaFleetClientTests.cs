using NodaTime;
using Scheduler.Functions.Vehicles;
using Scheduler.Tests.Functions.Fakes;
using Scheduler.Tests.Storage;

namespace Scheduler.Tests.Functions.Vehicles;

/// <summary>The Tesla Fleet API client against a loopback API that refuses what the real one refuses; tokens on Azurite.</summary>
[Collection("Azurite")]
public sealed class TeslaFleetClientTests(AzuriteFixture azurite)
{
    private static readonly Instant Now = Instant.FromUtc(2026, 3, 10, 12, 0);

    [Fact]
    public async Task SetChargingCurrent_BelowWhatTheVehicleTakes_IsRefusedWithItsReason()
    {
        await using var tesla = await FakeTeslaServer.StartAsync();
        tesla.AddVehicle("1001");
        await using var app = await AppHarness.StartAsync(azurite, Now);

        var outcome = await app.Get<IVehicleClient>().SetChargingCurrentAsync(Account(tesla), "1001", 3);

        Assert.Equal(VehicleOutcomeKind.Refused, outcome.Kind);
        Assert.Contains("outside 5 to 32", outcome.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadState_AsleepVehicle_WakesItAndAsksToCallAgain()
    {
        await using var tesla = await FakeTeslaServer.StartAsync();
        tesla.AddVehicle("1001", asleep: true);
        await using var app = await AppHarness.StartAsync(azurite, Now);
        var client = app.Get<IVehicleClient>();

        var first = await client.ReadStateAsync(Account(tesla), "1001");
        var second = await client.ReadStateAsync(Account(tesla), "1001");

        Assert.Equal(VehicleOutcomeKind.Asleep, first.Kind);
        Assert.Equal(["1001 wake_up"], tesla.Commands);
        Assert.Equal((40.0, true, false), (second.State!.StateOfChargePercent, second.State.PluggedIn, second.State.Charging));
    }

    [Fact]
    public async Task Command_RateLimited_PassesOnRetryAfter()
    {
        await using var tesla = await FakeTeslaServer.StartAsync();
        tesla.AddVehicle("1001");
        tesla.RateLimitNext(1, 90);
        await using var app = await AppHarness.StartAsync(azurite, Now);

        var outcome = await app.Get<IVehicleClient>().StartChargingAsync(Account(tesla), "1001");

        Assert.Equal((VehicleOutcomeKind.RateLimited, TimeSpan.FromSeconds(90)), (outcome.Kind, outcome.RetryAfter));
    }

    [Fact]
    public async Task Command_TokenExpiredEarly_RefreshesOnceWithTheRotatedToken()
    {
        await using var tesla = await FakeTeslaServer.StartAsync();
        tesla.AddVehicle("1001");
        await using var app = await AppHarness.StartAsync(azurite, Now);
        var client = app.Get<IVehicleClient>();
        await client.SetChargeLimitAsync(Account(tesla), "1001", 90);

        tesla.ExpireAccessToken();
        var outcome = await client.StartChargingAsync(Account(tesla), "1001");

        Assert.True(outcome.IsDone, outcome.Reason);
        Assert.Equal(2, tesla.Refreshes);
        Assert.Equal("rt-2", (await app.Get<VehicleTokenStore>().GetAsync("depot-1"))!.RefreshToken);
    }

    [Fact]
    public async Task Command_ApiDown_IsUnreachableNotRefused()
    {
        await using var tesla = await FakeTeslaServer.StartAsync();
        tesla.AddVehicle("1001");
        tesla.Down = true;
        await using var app = await AppHarness.StartAsync(azurite, Now);

        var outcome = await app.Get<IVehicleClient>().StopChargingAsync(Account(tesla), "1001");

        Assert.Equal(VehicleOutcomeKind.Unreachable, outcome.Kind);
    }

    private static VehicleAccount Account(FakeTeslaServer tesla) =>
        new("depot-1", tesla.BaseUrl, tesla.TokenUrl, FakeTeslaServer.ClientId, FakeTeslaServer.FirstRefreshToken);
}
