using System.Text.Json.Nodes;
using Scheduler.Protocols.Ocpp;

namespace Scheduler.Tests.Protocols.Ocpp;

public sealed class ChargingProfileValidatorTests
{
    private const string V16Profile = """
        { "connectorId": 1, "csChargingProfiles": { "chargingProfileId": 12, "transactionId": 42, "stackLevel": 0,
          "chargingProfilePurpose": "TxProfile", "chargingProfileKind": "Absolute",
          "validFrom": "2026-03-02T08:00:00Z", "validTo": "2026-03-02T09:00:00Z",
          "chargingSchedule": { "startSchedule": "2026-03-02T08:00:00Z", "chargingRateUnit": "A",
            "chargingSchedulePeriod": [ { "startPeriod": 0, "limit": 8.1, "numberPhases": 3 }, { "startPeriod": 3600, "limit": 0, "numberPhases": 3 } ] } } }
        """;

    private const string V201Profile = """
        { "evseId": 1, "chargingProfile": { "id": 12, "stackLevel": 0,
          "chargingProfilePurpose": "TxProfile", "chargingProfileKind": "Absolute", "transactionId": "tx-1",
          "chargingSchedule": [ { "id": 12, "startSchedule": "2026-03-02T08:00:00Z", "chargingRateUnit": "A",
            "chargingSchedulePeriod": [ { "startPeriod": 0, "limit": 15.9, "numberPhases": 3 }, { "startPeriod": 3600, "limit": 0 } ] } ] } }
        """;

    [Theory]
    [InlineData(OcppVersion.V16, V16Profile)]
    [InlineData(OcppVersion.V201, V201Profile)]
    public void Validate_ValidProfile_NoViolations(OcppVersion version, string json)
    {
        var violations = ChargingProfileValidator.Validate(Parse(json), version);

        Assert.Empty(violations);
    }

    [Theory]
    [InlineData(8.1)]
    [InlineData(6.25)]
    [InlineData(7.3)]
    [InlineData(15.95)]
    [InlineData(8.1 - 1e-9)]
    [InlineData(8.1 + 1e-9)]
    public void Validate_V16LimitRoundedDown_PassesMultipleOf(double limitA)
    {
        var payload = Parse(V16Profile);
        payload["csChargingProfiles"]!["chargingSchedule"]!["chargingSchedulePeriod"]![0]!["limit"] = OcppLimit.RoundDown(limitA);

        var violations = ChargingProfileValidator.Validate(payload, OcppVersion.V16);

        Assert.Empty(violations);
    }

    [Fact]
    public void Validate_V16LimitWithTwoDecimals_MultipleOfViolationAtTheLimit()
    {
        var payload = Parse(V16Profile);
        payload["csChargingProfiles"]!["chargingSchedule"]!["chargingSchedulePeriod"]![0]!["limit"] = 6.25m;

        var violation = Assert.Single(ChargingProfileValidator.Validate(payload, OcppVersion.V16));

        Assert.Equal("$.csChargingProfiles.chargingSchedule.chargingSchedulePeriod[0].limit", violation.Path);
        Assert.Contains("multipleOf", violation.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_V16ForeignIdTag_AdditionalPropertyViolation()
    {
        var payload = Parse(V16Profile);
        payload["csChargingProfiles"]!["idTag"] = "ABC";

        var violation = Assert.Single(ChargingProfileValidator.Validate(payload, OcppVersion.V16));

        Assert.Equal("$.csChargingProfiles.idTag", violation.Path);
        Assert.Contains("additionalProperties", violation.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_V201TransactionIdOf37_MaxLengthViolation()
    {
        var payload = Parse(V201Profile);
        payload["chargingProfile"]!["transactionId"] = new string('x', 37);

        var violation = Assert.Single(ChargingProfileValidator.Validate(payload, OcppVersion.V201));

        Assert.Equal("$.chargingProfile.transactionId", violation.Path);
    }

    [Fact]
    public void Validate_V201ScheduleWithoutId_RequiredViolation()
    {
        var payload = Parse(V201Profile);
        payload["chargingProfile"]!["chargingSchedule"]![0]!.AsObject().Remove("id");

        var violations = ChargingProfileValidator.Validate(payload, OcppVersion.V201);

        Assert.Contains(violations, v => v.Message.Contains("required", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_V201TxProfileWithoutTransactionId_Refused()
    {
        var payload = Parse(V201Profile);
        payload["chargingProfile"]!.AsObject().Remove("transactionId");

        var violation = Assert.Single(ChargingProfileValidator.Validate(payload, OcppVersion.V201));

        Assert.Equal("$.chargingProfile.transactionId", violation.Path);
    }

    [Fact]
    public void Validate_FirstStartPeriodNotZero_Refused()
    {
        var payload = Parse(V201Profile);
        payload["chargingProfile"]!["chargingSchedule"]![0]!["chargingSchedulePeriod"]![0]!["startPeriod"] = 60;

        var violation = Assert.Single(ChargingProfileValidator.Validate(payload, OcppVersion.V201));

        Assert.Equal("$.chargingProfile.chargingSchedule[0].chargingSchedulePeriod[0].startPeriod", violation.Path);
    }

    [Fact]
    public void Validate_DuplicateStartPeriod_Refused()
    {
        var payload = Parse(V16Profile);
        payload["csChargingProfiles"]!["chargingSchedule"]!["chargingSchedulePeriod"]![1]!["startPeriod"] = 0;

        var violation = Assert.Single(ChargingProfileValidator.Validate(payload, OcppVersion.V16));

        Assert.Equal("$.csChargingProfiles.chargingSchedule.chargingSchedulePeriod[1].startPeriod", violation.Path);
    }

    [Fact]
    public void Validate_V201LimitWithTwoDecimals_Refused()
    {
        var payload = Parse(V201Profile);
        payload["chargingProfile"]!["chargingSchedule"]![0]!["chargingSchedulePeriod"]![0]!["limit"] = 15.95m;

        var violation = Assert.Single(ChargingProfileValidator.Validate(payload, OcppVersion.V201));

        Assert.Equal("$.chargingProfile.chargingSchedule[0].chargingSchedulePeriod[0].limit", violation.Path);
    }

    [Fact]
    public void Validate_ValidToBeforeValidFrom_Refused()
    {
        var payload = Parse(V16Profile);
        payload["csChargingProfiles"]!["validTo"] = "2026-03-02T07:00:00Z";

        var violation = Assert.Single(ChargingProfileValidator.Validate(payload, OcppVersion.V16));

        Assert.Equal("$.csChargingProfiles.validTo", violation.Path);
    }

    [Fact]
    public void Validate_TxDefaultOnConnectorZero_Refused()
    {
        var payload = Parse(V16Profile);
        payload["connectorId"] = 0;
        payload["csChargingProfiles"]!["chargingProfilePurpose"] = "TxDefaultProfile";

        var violation = Assert.Single(ChargingProfileValidator.Validate(payload, OcppVersion.V16));

        Assert.Equal("$.connectorId", violation.Path);
    }

    private static JsonObject Parse(string json) => JsonNode.Parse(json)!.AsObject();
}
