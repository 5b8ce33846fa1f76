using System.Text.Json.Nodes;
using NodaTime;
using Scheduler.Protocols.Messages;

namespace Scheduler.Tests.Protocols.Messages;

public sealed class SiteMeterMessageReaderTests
{
    private static readonly Instant At = Instant.FromUtc(2026, 3, 10, 12, 15);

    private static JsonObject Sample() => new()
    {
        ["type"] = "site-meter",
        ["version"] = 1,
        ["id"] = "gw-1",
        ["siteId"] = "depot-1",
        ["timestamp"] = "2026-03-10T13:15:00+01:00",
        ["importRegisterKwh"] = 123456.5,
        ["intervalStart"] = "2026-03-10T12:00:00Z",
        ["averageImportKw"] = 41.2,
    };

    private static MessageReadResult<SiteMeterMessage> Read(JsonObject json) => SiteMeterMessageReader.Read(json.ToJsonString());

    [Fact]
    public void Read_RegisterAndAverage_ReadsEveryField()
    {
        var message = MessageAssert.Valid(Read(Sample()));

        Assert.Equal(new SiteMeterMessage("gw-1", "depot-1", At, 123456.5, At - Duration.FromMinutes(15), 41.2), message);
    }

    [Fact]
    public void Read_RegisterOnly_HasNoAverage()
    {
        var json = Sample();
        json.Remove("intervalStart");
        json.Remove("averageImportKw");

        var message = MessageAssert.Valid(Read(json));

        Assert.Equal((123456.5, (Instant?)null, (double?)null), (message.ImportRegisterKwh!.Value, message.IntervalStart, message.AverageImportKw));
    }

    [Fact]
    public void Read_NeitherRegisterNorAverage_ReportsReadingMissing()
    {
        var json = Sample();
        json.Remove("importRegisterKwh");
        json.Remove("intervalStart");
        json.Remove("averageImportKw");

        MessageAssert.SingleError(Read(json), MessageErrorCodes.SiteMeterReadingMissing, "$.importRegisterKwh");
    }

    [Fact]
    public void Read_AverageWithoutItsInterval_ReportsInterval()
    {
        var json = Sample();
        json.Remove("intervalStart");

        MessageAssert.SingleError(Read(json), MessageErrorCodes.SiteMeterInterval, "$.intervalStart");
    }

    [Theory]
    [InlineData("2026-03-10T12:15:00Z")]
    [InlineData("2026-03-10T12:30:00Z")]
    [InlineData("2026-03-10T11:14:59Z")]
    public void Read_IntervalNotEndingAtTheTimestampWithinAnHour_ReportsInterval(string start)
    {
        var json = Sample();
        json["intervalStart"] = start;

        MessageAssert.SingleError(Read(json), MessageErrorCodes.SiteMeterInterval, "$.intervalStart");
    }

    [Fact]
    public void Read_NegativeRegister_ReportsSchemaError()
    {
        var json = Sample();
        json["importRegisterKwh"] = -1;

        MessageAssert.SingleError(Read(json), MessageErrorCodes.Schema, "$.importRegisterKwh");
    }

    [Fact]
    public void Read_TimestampWithoutOffset_ReportsTimeNoOffset()
    {
        var json = Sample();
        json["timestamp"] = "2026-03-10T13:15:00";

        MessageAssert.SingleError(Read(json), MessageErrorCodes.TimeNoOffset, "$.timestamp");
    }

    [Fact]
    public void Read_SessionEvent_ReportsTypeMismatch()
    {
        var json = Sample();
        json["type"] = "session-event";

        MessageAssert.SingleError(Read(json), MessageErrorCodes.TypeMismatch, "$.type");
    }

    [Fact]
    public void Write_ThenRead_SameMessage()
    {
        var message = new SiteMeterMessage("gw-2", "depot-1", At, null, At - Duration.FromMinutes(5), 12.5);

        Assert.Equal(message, MessageAssert.Valid(SiteMeterMessageReader.Read(QueueMessageWriter.Write(message))));
    }
}
