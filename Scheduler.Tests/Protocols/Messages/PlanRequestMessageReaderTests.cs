using System.Text.Json.Nodes;
using NodaTime;
using Scheduler.Protocols.Messages;

namespace Scheduler.Tests.Protocols.Messages;

public sealed class PlanRequestMessageReaderTests
{
    private static JsonObject Sample() => new()
    {
        ["type"] = "plan-request",
        ["version"] = 1,
        ["id"] = "pr-1",
        ["siteId"] = "depot-1",
        ["requestedAt"] = "2026-03-09T12:00:00Z",
        ["reason"] = "departure",
    };

    private static MessageReadResult<PlanRequestMessage> Read(JsonObject json) => PlanRequestMessageReader.Read(json.ToJsonString());

    [Fact]
    public void Read_Request_ReadsEveryField()
    {
        var message = MessageAssert.Valid(Read(Sample()));

        Assert.Equal(new PlanRequestMessage("pr-1", "depot-1", Instant.FromUtc(2026, 3, 9, 12, 0), "departure"), message);
    }

    [Fact]
    public void Read_RequestedAtWithoutOffset_ReportsTimeNoOffset()
    {
        var json = Sample();
        json["requestedAt"] = "2026-03-09T12:00:00";

        MessageAssert.SingleError(Read(json), MessageErrorCodes.TimeNoOffset, "$.requestedAt");
    }

    [Fact]
    public void Read_ReasonOver200Characters_ReportsSchemaError()
    {
        var json = Sample();
        json["reason"] = new string('r', 201);

        MessageAssert.SingleError(Read(json), MessageErrorCodes.Schema, "$.reason");
    }

    [Fact]
    public void Read_UnknownProperty_ReportsSchemaErrorAtIt()
    {
        var json = Sample();
        json["priority"] = "high";

        MessageAssert.SingleError(Read(json), MessageErrorCodes.Schema, "$.priority");
    }

    [Fact]
    public void Read_DispatchMessage_ReportsTypeMismatch()
    {
        var json = Sample();
        json["type"] = "dispatch";

        MessageAssert.SingleError(Read(json), MessageErrorCodes.TypeMismatch, "$.type");
    }
}
