using System.Text.Json.Nodes;
using Scheduler.Protocols.Messages;
using Scheduler.Protocols.Ocpp;

namespace Scheduler.Tests.Protocols.Messages;

public sealed class DispatchMessageReaderTests
{
    private static JsonObject Sample() => new()
    {
        ["type"] = "dispatch",
        ["version"] = 1,
        ["id"] = "dp-1",
        ["siteId"] = "depot-1",
        ["planId"] = "plan-2026-03-09T12:00Z",
        ["chargerId"] = "cp-01",
        ["sessionId"] = "s-1",
        ["purpose"] = "TxProfile",
    };

    private static MessageReadResult<DispatchMessage> Read(JsonObject json) => DispatchMessageReader.Read(json.ToJsonString());

    [Fact]
    public void Read_TxProfile_ReadsEveryField()
    {
        var message = MessageAssert.Valid(Read(Sample()));

        Assert.Equal(new DispatchMessage("dp-1", "depot-1", "plan-2026-03-09T12:00Z", "cp-01", ChargingProfilePurpose.TxProfile, "s-1"), message);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Read_DefaultProfileWithoutSession_IsAccepted(bool explicitNull)
    {
        var json = Sample();
        json["purpose"] = "TxDefaultProfile";
        if (explicitNull)
        {
            json["sessionId"] = null;
        }
        else
        {
            json.Remove("sessionId");
        }

        var message = MessageAssert.Valid(Read(json));

        Assert.Equal(ChargingProfilePurpose.TxDefaultProfile, message.Purpose);
        Assert.Null(message.SessionId);
    }

    [Fact]
    public void Read_TxProfileWithoutSession_ReportsDispatchSessionMismatch()
    {
        var json = Sample();
        json.Remove("sessionId");

        MessageAssert.SingleError(Read(json), MessageErrorCodes.DispatchSessionMismatch, "$.sessionId");
    }

    [Fact]
    public void Read_DefaultProfileWithSession_ReportsDispatchSessionMismatch()
    {
        var json = Sample();
        json["purpose"] = "TxDefaultProfile";

        MessageAssert.SingleError(Read(json), MessageErrorCodes.DispatchSessionMismatch, "$.sessionId");
    }

    [Theory]
    [InlineData("ChargePointMaxProfile")]
    [InlineData("txprofile")]
    public void Read_OtherPurpose_ReportsSchemaError(string purpose)
    {
        var json = Sample();
        json["purpose"] = purpose;

        MessageAssert.SingleError(Read(json), MessageErrorCodes.Schema, "$.purpose");
    }

    [Fact]
    public void Read_UnknownProperty_ReportsSchemaErrorAtIt()
    {
        var json = Sample();
        json["profile"] = new JsonObject();

        MessageAssert.SingleError(Read(json), MessageErrorCodes.Schema, "$.profile");
    }

    [Fact]
    public void Read_GridSignalMessage_ReportsTypeMismatch()
    {
        var json = Sample();
        json["type"] = "grid-signal";

        MessageAssert.SingleError(Read(json), MessageErrorCodes.TypeMismatch, "$.type");
    }
}
