using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Scheduler.Functions.Configuration;

namespace Scheduler.Tests.Functions;

/// <summary>The clients as the app builds them, through <see cref="HttpClientRegistration.AddSchedulerHttpClients"/>, with test settings.</summary>
internal static class HttpClientsForTests
{
    /// <summary>A provider with the three clients, configured by <paramref name="settings"/> (e.g. <c>["Csms:Attempts"] = "2"</c>).</summary>
    public static ServiceProvider Build(IReadOnlyDictionary<string, string?> settings, TimeProvider? time = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection().AddLogging();
        if (time is not null)
        {
            services.AddSingleton(time);
        }

        return services.AddSchedulerHttpClients(configuration).BuildServiceProvider();
    }

    /// <summary>A valid OCPP 1.6 SetChargingProfile request.</summary>
    public static JsonElement V16Payload { get; } = Parse("""
        { "connectorId": 1, "csChargingProfiles": { "chargingProfileId": 12, "transactionId": 42, "stackLevel": 0,
          "chargingProfilePurpose": "TxProfile", "chargingProfileKind": "Absolute",
          "chargingSchedule": { "startSchedule": "2026-03-02T08:00:00Z", "chargingRateUnit": "A",
            "chargingSchedulePeriod": [ { "startPeriod": 0, "limit": 16, "numberPhases": 3 }, { "startPeriod": 3600, "limit": 0, "numberPhases": 3 } ] } } }
        """);

    /// <summary>A valid OCPP 2.0.1 SetChargingProfileRequest.</summary>
    public static JsonElement V201Payload { get; } = Parse("""
        { "evseId": 1, "chargingProfile": { "id": 12, "stackLevel": 0,
          "chargingProfilePurpose": "TxProfile", "chargingProfileKind": "Absolute", "transactionId": "tx-1",
          "chargingSchedule": [ { "id": 12, "startSchedule": "2026-03-02T08:00:00Z", "chargingRateUnit": "A",
            "chargingSchedulePeriod": [ { "startPeriod": 0, "limit": 15.9, "numberPhases": 3 }, { "startPeriod": 3600, "limit": 0 } ] } ] } }
        """);

    private static JsonElement Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }
}
