using NodaTime;
using Scheduler.Functions.Departures;
using Scheduler.Functions.Queues;
using Scheduler.Functions.Sessions;
using Scheduler.Functions.Sites;
using Scheduler.Functions.Triggers;
using Scheduler.Functions.Vehicles;
using Scheduler.Protocols.Messages;
using Scheduler.Tests.Functions.Fakes;
using Scheduler.Tests.Storage;

namespace Scheduler.Tests.Functions.Vehicles;

/// <summary>The depot with vehicle v-1 (API id 1001) on the vehicle path of a loopback Tesla Fleet API, and the steps of its queue run as they fall due.</summary>
internal static class VehicleTestSite
{
    public const string ApiVehicleId = "1001";

    public static async Task<AppHarness> StartAsync(AzuriteFixture azurite, FakeTeslaServer tesla, Instant now)
    {
        var app = await AppHarness.StartAsync(azurite, now, new Dictionary<string, string?>
        {
            ["TeslaClientId"] = FakeTeslaServer.ClientId,
            ["TeslaRefreshToken"] = FakeTeslaServer.FirstRefreshToken,
            // Every step is visible at once; the test runs each when the fake clock reaches it.
            ["Vehicles:MaxMessageDelay"] = "00:00:00",
            ["Vehicles:RetryDelay"] = "00:00:10",
            ["Vehicles:MaxRetryDelay"] = "00:01:00",
            ["Vehicles:WakeDelay"] = "00:00:30",
            ["Vehicles:MaxAttempts"] = "3",
        });
        // Planned to the driver's request alone, so that a plan starts and stops the vehicle in the cheap hours.
        var settings = new SiteSettings
        {
            TopUpToFull = false,
            TouTariff = TestSites.WithCsms(new Uri("https://csms.example")).TouTariff,
            VehicleApi = new VehicleApiSettings
            {
                BaseUrl = tesla.BaseUrl.ToString(),
                TokenUrl = tesla.TokenUrl.ToString(),
                ClientIdSetting = "TeslaClientId",
                RefreshTokenSetting = "TeslaRefreshToken",
                Vehicles = new Dictionary<string, VehicleRoute> { ["v-1"] = new() { ApiVehicleId = ApiVehicleId } },
            },
        };
        await app.Get<SiteStore>().UpsertAsync(TestSites.Depot(settings: settings));
        return app;
    }

    /// <summary>Starts session cp-1:tx-1 of v-1 at <paramref name="at"/> with a driver's departure and energy.</summary>
    public static async Task StartSessionAsync(AppHarness app, Instant at, Duration stay, double energyKwh)
    {
        await app.Get<SessionStore>().ApplyAsync(new SessionEventMessage("s-1", "depot-1", SessionEventKind.Started, "cp-1", "tx-1", at, 0, vehicleId: "v-1"));
        await app.Get<DepartureStore>().SetAsync(new DepartureMessage("d-1", "depot-1", "cp-1:tx-1", null, at + stay, energyKwh), at);
    }

    public static async Task PlanAsync(AppHarness app, string requestId)
    {
        await app.SendAsync(QueueNames.PlanRequests, TestMessages.PlanRequest(requestId, "depot-1", app.Clock.GetCurrentInstant()));
        await app.DrainAsync(QueueNames.PlanRequests, m => app.Function<PlanSiteFunction>().Run(m, default));
    }

    /// <summary>Runs every vehicle step due by the fake clock (those a step queues included), leaving later ones; returns how many ran.</summary>
    public static async Task<int> RunDueStepsAsync(AppHarness app)
    {
        var queue = app.Queues.GetQueueClient(QueueNames.VehicleCommands);
        if (!await queue.ExistsAsync())
        {
            return 0;
        }

        var ran = 0;
        for (var pass = 0; pass < 100; pass++)
        {
            var received = (await queue.ReceiveMessagesAsync(32, TimeSpan.FromMinutes(5))).Value;
            var due = 0;
            foreach (var message in received)
            {
                var step = VehicleCommandMessageReader.Read(message.Body.ToString()).Message!;
                if (step.DueAt > app.Clock.GetCurrentInstant())
                {
                    await queue.UpdateMessageAsync(message.MessageId, message.PopReceipt, visibilityTimeout: TimeSpan.Zero);
                    continue;
                }

                await app.Function<VehicleCommandFunction>().Run(message, default);
                await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt);
                due++;
            }

            ran += due;
            if (due == 0)
            {
                break;
            }
        }

        return ran;
    }
}
