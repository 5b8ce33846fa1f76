using System.Text.Json.Nodes;
using Scheduler.Protocols.Messages;

namespace Scheduler.Tests.Protocols.Messages;

public sealed class MessageEnvelopeReaderTests
{
    private static JsonObject Sample(string type = "session-event") => new()
    {
        ["type"] = type,
        ["version"] = 1,
        ["id"] = "msg-42",
        ["siteId"] = "depot-1",
        ["anything"] = new JsonObject { ["else"] = true },
    };

    [Fact]
    public void Read_KnownTypeWithOtherProperties_ReadsTypeVersionAndId()
    {
        var envelope = MessageAssert.Valid(MessageEnvelopeReader.Read(Sample().ToJsonString()));

        Assert.Equal(new MessageEnvelope("session-event", 1, "msg-42"), envelope);
        Assert.True(envelope.IsKnownType);
    }

    [Fact]
    public void Read_UnknownType_StillGivesTheIdToSetTheMessageAside()
    {
        var json = Sample("tariff-update");
        json["version"] = 3;

        var envelope = MessageAssert.Valid(MessageEnvelopeReader.Read(json.ToJsonString()));

        Assert.Equal("msg-42", envelope.Id);
        Assert.Equal(3, envelope.Version);
        Assert.False(envelope.IsKnownType);
    }

    [Fact]
    public void Read_KnownTypeInVersion2_ReportsVersionUnsupported()
    {
        var json = Sample("departure");
        json["version"] = 2;

        MessageAssert.SingleError(MessageEnvelopeReader.Read(json.ToJsonString()), MessageErrorCodes.VersionUnsupported, "$.version");
    }

    [Fact]
    public void Read_VersionWrittenAsDecimalOne_IsVersionOne()
    {
        var text = Sample().ToJsonString().Replace("\"version\":1", "\"version\":1.0", StringComparison.Ordinal);

        Assert.Equal(1, MessageAssert.Valid(MessageEnvelopeReader.Read(text)).Version);
    }

    [Fact]
    public void Read_NoId_ReportsSchemaErrorAtId()
    {
        var json = Sample();
        json.Remove("id");

        MessageAssert.SingleError(MessageEnvelopeReader.Read(json.ToJsonString()), MessageErrorCodes.Schema, "$.id");
    }

    [Fact]
    public void Read_EmptyId_ReportsSchemaErrorAtId()
    {
        var json = Sample();
        json["id"] = string.Empty;

        MessageAssert.SingleError(MessageEnvelopeReader.Read(json.ToJsonString()), MessageErrorCodes.Schema, "$.id");
    }

    [Fact]
    public void Read_VersionAsText_ReportsSchemaErrorAtVersion()
    {
        var json = Sample();
        json["version"] = "1";

        MessageAssert.SingleError(MessageEnvelopeReader.Read(json.ToJsonString()), MessageErrorCodes.Schema, "$.version");
    }

    [Fact]
    public void Read_NotJson_ReportsJsonMalformed()
    {
        MessageAssert.SingleError(MessageEnvelopeReader.Read("type=departure"), MessageErrorCodes.JsonMalformed, "$");
    }

    [Fact]
    public void Read_Array_ReportsSchemaErrorAtRoot()
    {
        MessageAssert.SingleError(MessageEnvelopeReader.Read("[]"), MessageErrorCodes.Schema, "$");
    }
}
