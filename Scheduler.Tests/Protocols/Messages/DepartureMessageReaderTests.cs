using System.Text.Json.Nodes;
using NodaTime;
using NodaTime.Testing;
using Scheduler.Protocols.Messages;

namespace Scheduler.Tests.Protocols.Messages;

public sealed class DepartureMessageReaderTests
{
    private static readonly FakeClock Clock = new(Instant.FromUtc(2026, 3, 9, 12, 0));

    private static Instant Now => Clock.GetCurrentInstant();

    private static JsonObject Sample() => new()
    {
        ["type"] = "departure",
        ["version"] = 1,
        ["id"] = "msg-1",
        ["siteId"] = "depot-1",
        ["sessionId"] = "s-1",
        ["departure"] = "2026-03-10T07:30:00+01:00",
        ["energyKwh"] = 30,
    };

    private static JsonObject SocSample()
    {
        var json = Sample();
        json.Remove("energyKwh");
        json["targetSocPct"] = 80;
        json["currentSocPct"] = 20;
        json["batteryKwh"] = 75;
        return json;
    }

    private static JsonObject LocalSample(string local, string zone = "Europe/Amsterdam")
    {
        var json = Sample();
        json.Remove("departure");
        json["departureLocal"] = local;
        json["timeZone"] = zone;
        return json;
    }

    private static MessageReadResult<DepartureMessage> Read(JsonObject json, Instant? now = null) =>
        DepartureMessageReader.Read(json.ToJsonString(), now ?? Now);

    [Fact]
    public void Read_InstantWithOffsetAndEnergy_ReadsEveryField()
    {
        var json = Sample();
        json["vehicleId"] = "v-7";
        json["sentAt"] = "2026-03-09T12:59:30.5+01:00";

        var message = MessageAssert.Valid(Read(json));

        Assert.Equal("msg-1", message.Id);
        Assert.Equal("depot-1", message.SiteId);
        Assert.Equal("s-1", message.SessionId);
        Assert.Equal("v-7", message.VehicleId);
        Assert.Equal(Instant.FromUtc(2026, 3, 10, 6, 30), message.Departure);
        Assert.Equal(30, message.EnergyKwh);
        Assert.Equal(Instant.FromUtc(2026, 3, 9, 11, 59, 30) + Duration.FromMilliseconds(500), message.SentAt);
    }

    [Fact]
    public void Read_VehicleOnlyWithoutSentAt_LeavesSessionAndSentAtNull()
    {
        var json = Sample();
        json.Remove("sessionId");
        json["vehicleId"] = "v-7";

        var message = MessageAssert.Valid(Read(json));

        Assert.Null(message.SessionId);
        Assert.Equal("v-7", message.VehicleId);
        Assert.Null(message.SentAt);
    }

    [Fact]
    public void Read_StatesOfCharge_EnergyIsTheirShareOfTheBattery()
    {
        var message = MessageAssert.Valid(Read(SocSample()));

        // (80 - 20) / 100 × 75 kWh
        Assert.Equal(45, message.EnergyKwh, 9);
    }

    [Fact]
    public void Read_FractionalStatesOfCharge_EnergyIsExact()
    {
        var json = SocSample();
        json["targetSocPct"] = 90.5;
        json["currentSocPct"] = 12.25;
        json["batteryKwh"] = 64;

        var message = MessageAssert.Valid(Read(json));

        // (90.5 - 12.25) / 100 × 64 kWh
        Assert.Equal(50.08, message.EnergyKwh, 9);
    }

    [Fact]
    public void Read_LocalTimeWithZone_ResolvesInThatZone()
    {
        var message = MessageAssert.Valid(Read(LocalSample("2026-03-10T07:30")));

        Assert.Equal(Instant.FromUtc(2026, 3, 10, 6, 30), message.Departure);
    }

    [Fact]
    public void Read_LocalTimeInSpringForwardGap_MovesForwardByTheGap()
    {
        var now = Instant.FromUtc(2026, 3, 28, 12, 0);

        var message = MessageAssert.Valid(Read(LocalSample("2026-03-29T02:30:00"), now));

        // 02:30 does not exist in Amsterdam that night; 03:30+02:00 is 01:30Z.
        Assert.Equal(Instant.FromUtc(2026, 3, 29, 1, 30), message.Departure);
    }

    [Fact]
    public void Read_LocalTimeInAutumnOverlap_TakesTheEarlierInstant()
    {
        var now = Instant.FromUtc(2026, 10, 24, 12, 0);

        var message = MessageAssert.Valid(Read(LocalSample("2026-10-25T02:30"), now));

        // 02:30 happens twice: at +02:00 (00:30Z) and at +01:00 (01:30Z).
        Assert.Equal(Instant.FromUtc(2026, 10, 25, 0, 30), message.Departure);
    }

    [Fact]
    public void Read_InstantWithoutOffset_ReportsTimeNoOffset()
    {
        var json = Sample();
        json["departure"] = "2026-03-10T07:30:00";

        MessageAssert.SingleError(Read(json), MessageErrorCodes.TimeNoOffset, "$.departure");
    }

    [Fact]
    public void Read_SentAtWithoutOffset_ReportsTimeNoOffset()
    {
        var json = Sample();
        json["sentAt"] = "2026-03-09T12:00";

        MessageAssert.SingleError(Read(json), MessageErrorCodes.TimeNoOffset, "$.sentAt");
    }

    [Theory]
    [InlineData("tomorrow")]
    [InlineData("2026-02-30T07:30:00+01:00")]
    [InlineData("2026-03-10 07:30:00+01:00")]
    public void Read_InstantNotIso_ReportsTimeMalformed(string departure)
    {
        var json = Sample();
        json["departure"] = departure;

        MessageAssert.SingleError(Read(json), MessageErrorCodes.TimeMalformed, "$.departure");
    }

    [Fact]
    public void Read_LocalTimeWithOffset_ReportsTimeMalformed()
    {
        MessageAssert.SingleError(Read(LocalSample("2026-03-10T07:30:00+01:00")), MessageErrorCodes.TimeMalformed, "$.departureLocal");
    }

    [Fact]
    public void Read_UnknownZone_ReportsZoneUnknown()
    {
        var error = MessageAssert.SingleError(Read(LocalSample("2026-03-10T07:30", "Europe/Atlantis")), MessageErrorCodes.ZoneUnknown, "$.timeZone");

        Assert.Contains("Europe/Atlantis", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_LocalTimeWithoutZone_ReportsZoneMissing()
    {
        var json = LocalSample("2026-03-10T07:30");
        json.Remove("timeZone");

        MessageAssert.SingleError(Read(json), MessageErrorCodes.ZoneMissing, "$.timeZone");
    }

    [Fact]
    public void Read_BothDepartureForms_ReportsDepartureConflict()
    {
        var json = LocalSample("2026-03-10T07:30");
        json["departure"] = "2026-03-10T07:30:00+01:00";

        MessageAssert.SingleError(Read(json), MessageErrorCodes.DepartureConflict, "$.departureLocal");
    }

    [Fact]
    public void Read_ZoneBesideInstantWithOffset_ReportsDepartureConflict()
    {
        var json = Sample();
        json["timeZone"] = "Europe/Amsterdam";

        MessageAssert.SingleError(Read(json), MessageErrorCodes.DepartureConflict, "$.timeZone");
    }

    [Fact]
    public void Read_NoDeparture_ReportsDepartureMissing()
    {
        var json = Sample();
        json.Remove("departure");

        MessageAssert.SingleError(Read(json), MessageErrorCodes.DepartureMissing, "$.departure");
    }

    [Theory]
    [InlineData("2026-03-09T12:00:00Z")]
    [InlineData("2026-03-09T08:00:00Z")]
    public void Read_DepartureAtOrBeforeNow_ReportsDepartureInPast(string departure)
    {
        var json = Sample();
        json["departure"] = departure;

        MessageAssert.SingleError(Read(json), MessageErrorCodes.DepartureInPast, "$.departure");
    }

    [Fact]
    public void Read_DepartureWithinFifteenMinutes_ReportsDepartureWithinOneSlot()
    {
        var json = Sample();
        json["departure"] = "2026-03-09T12:14:59Z";

        MessageAssert.SingleError(Read(json), MessageErrorCodes.DepartureWithinOneSlot, "$.departure");
    }

    [Fact]
    public void Read_DepartureExactlyOneSlotAhead_IsAccepted()
    {
        var json = Sample();
        json["departure"] = "2026-03-09T12:15:00Z";

        var message = MessageAssert.Valid(Read(json));

        Assert.Equal(Now + Duration.FromMinutes(15), message.Departure);
    }

    [Fact]
    public void Read_DepartureBeyondSevenDays_ReportsDepartureTooFar()
    {
        var json = Sample();
        json["departure"] = "2026-03-16T12:00:01Z";

        MessageAssert.SingleError(Read(json), MessageErrorCodes.DepartureTooFar, "$.departure");
    }

    [Fact]
    public void Read_LocalDepartureInPast_ReportsAtDepartureLocal()
    {
        MessageAssert.SingleError(Read(LocalSample("2026-03-09T07:30")), MessageErrorCodes.DepartureInPast, "$.departureLocal");
    }

    [Fact]
    public void Read_NeitherSessionNorVehicle_ReportsVehicleMissing()
    {
        var json = Sample();
        json.Remove("sessionId");

        MessageAssert.SingleError(Read(json), MessageErrorCodes.VehicleMissing, "$.vehicleId");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    public void Read_EnergyNotPositive_ReportsEnergyNonPositive(double energyKwh)
    {
        var json = Sample();
        json["energyKwh"] = energyKwh;

        MessageAssert.SingleError(Read(json), MessageErrorCodes.EnergyNonPositive, "$.energyKwh");
    }

    [Fact]
    public void Read_EnergyAbove500_ReportsEnergyTooLarge()
    {
        var json = Sample();
        json["energyKwh"] = 500.5;

        MessageAssert.SingleError(Read(json), MessageErrorCodes.EnergyTooLarge, "$.energyKwh");
    }

    [Fact]
    public void Read_EnergyAboveBattery_ReportsEnergyAboveBattery()
    {
        var json = Sample();
        json["energyKwh"] = 80;
        json["batteryKwh"] = 75;

        MessageAssert.SingleError(Read(json), MessageErrorCodes.EnergyAboveBattery, "$.energyKwh");
    }

    [Fact]
    public void Read_EnergyWithinBattery_IsAccepted()
    {
        var json = Sample();
        json["batteryKwh"] = 75;

        Assert.Equal(30, MessageAssert.Valid(Read(json)).EnergyKwh);
    }

    [Fact]
    public void Read_NoEnergy_ReportsEnergyMissing()
    {
        var json = Sample();
        json.Remove("energyKwh");

        MessageAssert.SingleError(Read(json), MessageErrorCodes.EnergyMissing, "$.energyKwh");
    }

    [Fact]
    public void Read_EnergyAndStateOfCharge_ReportsEnergyConflict()
    {
        var json = SocSample();
        json["energyKwh"] = 30;

        MessageAssert.SingleError(Read(json), MessageErrorCodes.EnergyConflict, "$.targetSocPct");
    }

    [Fact]
    public void Read_StateOfChargeWithoutBattery_ReportsSocIncomplete()
    {
        var json = SocSample();
        json.Remove("batteryKwh");

        MessageAssert.SingleError(Read(json), MessageErrorCodes.SocIncomplete, "$.batteryKwh");
    }

    [Theory]
    [InlineData("targetSocPct", 100.5)]
    [InlineData("currentSocPct", -1)]
    public void Read_StateOfChargeOutside0To100_ReportsSocOutOfRange(string name, double value)
    {
        var json = SocSample();
        json[name] = value;

        MessageAssert.SingleError(Read(json), MessageErrorCodes.SocOutOfRange, "$." + name);
    }

    [Theory]
    [InlineData(50)]
    [InlineData(20)]
    public void Read_TargetNotAboveCurrent_ReportsSocTargetBelowCurrent(double target)
    {
        var json = SocSample();
        json["currentSocPct"] = 50;
        json["targetSocPct"] = target;

        MessageAssert.SingleError(Read(json), MessageErrorCodes.SocTargetBelowCurrent, "$.targetSocPct");
    }

    [Theory]
    [InlineData(0.5)]
    [InlineData(501)]
    public void Read_BatteryOutside1To500_ReportsBatteryOutOfRange(double batteryKwh)
    {
        var json = SocSample();
        json["batteryKwh"] = batteryKwh;

        MessageAssert.SingleError(Read(json), MessageErrorCodes.BatteryOutOfRange, "$.batteryKwh");
    }

    [Fact]
    public void Read_SeveralProblems_ReportsEach()
    {
        var json = Sample();
        json.Remove("sessionId");
        json["departure"] = "2026-03-01T00:00:00Z";
        json["energyKwh"] = -1;

        var result = Read(json);

        Assert.Equal(
            [MessageErrorCodes.VehicleMissing, MessageErrorCodes.DepartureInPast, MessageErrorCodes.EnergyNonPositive],
            result.Errors.Select(e => e.Code));
    }

    [Fact]
    public void Read_UnknownProperty_ReportsSchemaErrorAtIt()
    {
        var json = Sample();
        json["departureTime"] = "2026-03-10T07:30:00+01:00";

        var error = MessageAssert.SingleError(Read(json), MessageErrorCodes.Schema, "$.departureTime");

        Assert.Contains("unknown property \"departureTime\"", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_MissingSite_ReportsSchemaErrorWhereItIsMissing()
    {
        var json = Sample();
        json.Remove("siteId");

        MessageAssert.SingleError(Read(json), MessageErrorCodes.Schema, "$.siteId");
    }

    [Fact]
    public void Read_IdTooLong_ReportsSchemaError()
    {
        var json = Sample();
        json["id"] = new string('x', 129);

        MessageAssert.SingleError(Read(json), MessageErrorCodes.Schema, "$.id");
    }

    [Fact]
    public void Read_EnergyAsText_ReportsSchemaError()
    {
        var json = Sample();
        json["energyKwh"] = "30";

        MessageAssert.SingleError(Read(json), MessageErrorCodes.Schema, "$.energyKwh");
    }

    [Fact]
    public void Read_SessionEventMessage_ReportsTypeMismatch()
    {
        var json = Sample();
        json["type"] = "session-event";

        var error = MessageAssert.SingleError(Read(json), MessageErrorCodes.TypeMismatch, "$.type");

        Assert.Contains("\"session-event\"", error.Message, StringComparison.Ordinal);
        Assert.Contains("\"departure\"", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_UnknownType_ReportsTypeUnknown()
    {
        var json = Sample();
        json["type"] = "departures";

        MessageAssert.SingleError(Read(json), MessageErrorCodes.TypeUnknown, "$.type");
    }

    [Fact]
    public void Read_Version2_ReportsVersionUnsupported()
    {
        var json = Sample();
        json["version"] = 2;

        MessageAssert.SingleError(Read(json), MessageErrorCodes.VersionUnsupported, "$.version");
    }

    [Fact]
    public void Read_TruncatedJson_ReportsJsonMalformedWithLine()
    {
        var text = "{\n  \"type\": \"departure\",\n  \"version\": 1,";

        var result = DepartureMessageReader.Read(text, Now);

        var error = MessageAssert.SingleError(result, MessageErrorCodes.JsonMalformed, "$");
        Assert.Contains("line 3", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("NaN")]
    [InlineData("Infinity")]
    public void Read_NonFiniteNumber_ReportsJsonMalformed(string number)
    {
        var text = Sample().ToJsonString().Replace("\"energyKwh\":30", "\"energyKwh\":" + number, StringComparison.Ordinal);

        MessageAssert.SingleError(DepartureMessageReader.Read(text, Now), MessageErrorCodes.JsonMalformed, "$");
    }

    [Fact]
    public void Read_HugeNumber_ReportsNumberOutOfRange()
    {
        var text = Sample().ToJsonString().Replace("\"energyKwh\":30", "\"energyKwh\":1e300", StringComparison.Ordinal);

        MessageAssert.SingleError(DepartureMessageReader.Read(text, Now), MessageErrorCodes.NumberOutOfRange, "$.energyKwh");
    }

    [Fact]
    public void Read_PropertyTwice_ReportsJsonDuplicateProperty()
    {
        var text = Sample().ToJsonString().Replace("\"energyKwh\":30", "\"energyKwh\":30,\"energyKwh\":31", StringComparison.Ordinal);

        MessageAssert.SingleError(DepartureMessageReader.Read(text, Now), MessageErrorCodes.JsonDuplicateProperty, "$.energyKwh");
    }

    [Fact]
    public void Read_UnpairedSurrogate_ReportsJsonMalformed()
    {
        var text = Sample().ToJsonString().Replace("depot-1", "depot-\uD800", StringComparison.Ordinal);

        MessageAssert.SingleError(DepartureMessageReader.Read(text, Now), MessageErrorCodes.JsonMalformed, "$");
    }

    [Fact]
    public void Read_NonAsciiIds_AreKept()
    {
        var json = Sample();
        json["siteId"] = "dépôt-Zürich";

        Assert.Equal("dépôt-Zürich", MessageAssert.Valid(Read(json)).SiteId);
    }
}
