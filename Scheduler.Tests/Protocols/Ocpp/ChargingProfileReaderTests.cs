using System.Text.Json.Nodes;
using NodaTime;
using Scheduler.Protocols.Ocpp;

namespace Scheduler.Tests.Protocols.Ocpp;

public sealed class ChargingProfileReaderTests
{
    private static readonly Instant Start = Instant.FromUtc(2026, 3, 2, 8, 0);

    [Fact]
    public void Read_V16Amps_IntervalsBetweenStartPeriods()
    {
        var payload = JsonNode.Parse("""
            { "connectorId": 1, "csChargingProfiles": { "chargingProfileId": 1, "stackLevel": 0,
              "chargingProfilePurpose": "TxProfile", "chargingProfileKind": "Absolute",
              "chargingSchedule": { "startSchedule": "2026-03-02T08:00:00Z", "chargingRateUnit": "A",
                "chargingSchedulePeriod": [ { "startPeriod": 0, "limit": 8.1 }, { "startPeriod": 900, "limit": 0 } ] } } }
            """)!.AsObject();

        var intervals = ChargingProfileReader.Read(payload);

        Assert.Equal(
            [new ProfileInterval(Start, Start + Duration.FromMinutes(15), 8.1), new ProfileInterval(Start + Duration.FromMinutes(15), null, 0)],
            intervals);
    }

    [Fact]
    public void Read_V201Watts_ConvertedToAmpsOnTheGivenPhases()
    {
        var payload = JsonNode.Parse("""
            { "evseId": 1, "chargingProfile": { "id": 1, "stackLevel": 0,
              "chargingProfilePurpose": "TxProfile", "chargingProfileKind": "Absolute", "transactionId": "t",
              "chargingSchedule": [ { "id": 1, "startSchedule": "2026-03-02T08:00:00Z", "chargingRateUnit": "W", "duration": 3600,
                "chargingSchedulePeriod": [ { "startPeriod": 0, "limit": 11040, "numberPhases": 1 } ] } ] } }
            """)!.AsObject();

        var interval = Assert.Single(ChargingProfileReader.Read(payload));

        Assert.Equal(new ProfileInterval(Start, Start + Duration.FromHours(1), 48), interval);
    }

    [Fact]
    public void Read_NoProfile_Throws()
    {
        var payload = new JsonObject { ["evseId"] = 1 };

        Assert.Throws<FormatException>(() => ChargingProfileReader.Read(payload));
    }
}
