using System.Text.Json.Nodes;
using NodaTime;
using Scheduler.Protocols.Messages;

namespace Scheduler.Tests.Protocols.Messages;

public sealed class SessionEventMessageReaderTests
{
    private static JsonObject Sample(string kind = "meterValues") => new()
    {
        ["type"] = "session-event",
        ["version"] = 1,
        ["id"] = "evt-1",
        ["siteId"] = "depot-1",
        ["event"] = kind,
        ["chargerId"] = "cp-01",
        ["transactionId"] = "tx-8812",
        ["timestamp"] = "2026-03-09T13:15:00+01:00",
        ["meterWh"] = 123456.5,
    };

    private static MessageReadResult<SessionEventMessage> Read(JsonObject json) => SessionEventMessageReader.Read(json.ToJsonString());

    [Fact]
    public void Read_MeterValues_ReadsEveryFieldAndDefaultsTheConnector()
    {
        var json = Sample();
        json["vehicleId"] = "v-7";
        json["powerW"] = 11000;

        var message = MessageAssert.Valid(Read(json));

        Assert.Equal("evt-1", message.Id);
        Assert.Equal("depot-1", message.SiteId);
        Assert.Equal(SessionEventKind.MeterValues, message.Kind);
        Assert.Equal("cp-01", message.ChargerId);
        Assert.Equal(1, message.ConnectorId);
        Assert.Equal("tx-8812", message.TransactionId);
        Assert.Equal(Instant.FromUtc(2026, 3, 9, 12, 15), message.Timestamp);
        Assert.Equal(123456.5, message.MeterWh);
        Assert.Equal("v-7", message.VehicleId);
        Assert.Equal(11000, message.PowerW);
    }

    [Fact]
    public void Read_StartedWithoutMeter_IsAccepted()
    {
        var json = Sample("started");
        json.Remove("meterWh");
        json["connectorId"] = 2;

        var message = MessageAssert.Valid(Read(json));

        Assert.Equal(SessionEventKind.Started, message.Kind);
        Assert.Equal(2, message.ConnectorId);
        Assert.Null(message.MeterWh);
    }

    [Theory]
    [InlineData("meterValues")]
    [InlineData("stopped")]
    public void Read_WithoutMeter_ReportsMeterMissing(string kind)
    {
        var json = Sample(kind);
        json.Remove("meterWh");

        MessageAssert.SingleError(Read(json), MessageErrorCodes.MeterMissing, "$.meterWh");
    }

    [Fact]
    public void Read_TimestampWithoutOffset_ReportsTimeNoOffset()
    {
        var json = Sample();
        json["timestamp"] = "2026-03-09T13:15:00";

        MessageAssert.SingleError(Read(json), MessageErrorCodes.TimeNoOffset, "$.timestamp");
    }

    [Fact]
    public void Read_UnknownEvent_ReportsSchemaError()
    {
        MessageAssert.SingleError(Read(Sample("suspended")), MessageErrorCodes.Schema, "$.event");
    }

    [Theory]
    [InlineData("connectorId", 0)]
    [InlineData("connectorId", 1.5)]
    [InlineData("meterWh", -1)]
    [InlineData("powerW", -0.5)]
    public void Read_NumberOutOfItsRange_ReportsSchemaError(string name, double value)
    {
        var json = Sample();
        json[name] = value;

        MessageAssert.SingleError(Read(json), MessageErrorCodes.Schema, "$." + name);
    }

    [Fact]
    public void Read_TransactionIdOver36Characters_ReportsSchemaError()
    {
        var json = Sample();
        json["transactionId"] = new string('7', 37);

        MessageAssert.SingleError(Read(json), MessageErrorCodes.Schema, "$.transactionId");
    }

    [Fact]
    public void Read_UnknownProperty_ReportsSchemaErrorAtIt()
    {
        var json = Sample();
        json["soc"] = 55;

        MessageAssert.SingleError(Read(json), MessageErrorCodes.Schema, "$.soc");
    }

    [Fact]
    public void Read_DepartureMessage_ReportsTypeMismatch()
    {
        var json = Sample();
        json["type"] = "departure";

        MessageAssert.SingleError(Read(json), MessageErrorCodes.TypeMismatch, "$.type");
    }
}
