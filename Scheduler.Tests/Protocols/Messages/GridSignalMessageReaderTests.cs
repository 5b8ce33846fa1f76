using System.Text.Json.Nodes;
using Scheduler.Protocols.Messages;

namespace Scheduler.Tests.Protocols.Messages;

public sealed class GridSignalMessageReaderTests
{
    private const string EventJson =
        """{"id":"evt-7","programID":"prog-1","eventName":"dr-peak","intervalPeriod":{"start":"2026-03-09T17:00:00Z","duration":"PT2H"},"intervals":[{"id":0,"payloads":[{"type":"IMPORT_CAPACITY_LIMIT","values":[60]}]}]}""";

    private static string Message(string eventJson, string extra = "") =>
        $$"""{"type":"grid-signal","version":1,"id":"gs-1","siteId":"depot-1","event":{{eventJson}}{{extra}}}""";

    [Fact]
    public void Read_Event_KeepsItsJsonTextUnread()
    {
        var message = MessageAssert.Valid(GridSignalMessageReader.Read(Message(EventJson)));

        Assert.Equal("gs-1", message.Id);
        Assert.Equal("depot-1", message.SiteId);
        Assert.Equal(EventJson, message.EventJson);
        Assert.Equal("evt-7", message.EventId);
        Assert.False(message.Deleted);
    }

    [Fact]
    public void Read_EventWithWhitespace_KeepsItAsWritten()
    {
        const string Spaced = "{ \"id\" : \"evt-7\",\n  \"eventName\": \"x\" }";

        var message = MessageAssert.Valid(GridSignalMessageReader.Read(Message(Spaced)));

        Assert.Equal(Spaced, message.EventJson);
    }

    [Fact]
    public void Read_DeletionWithOnlyTheId_IsAccepted()
    {
        var message = MessageAssert.Valid(GridSignalMessageReader.Read(Message("""{"id":"evt-7"}""", ""","deleted":true""")));

        Assert.True(message.Deleted);
        Assert.Equal("evt-7", message.EventId);
    }

    [Fact]
    public void Read_EventWithoutId_ReportsSchemaErrorAtTheId()
    {
        MessageAssert.SingleError(GridSignalMessageReader.Read(Message("""{"eventName":"x"}""")), MessageErrorCodes.Schema, "$.event.id");
    }

    [Fact]
    public void Read_EventAsText_ReportsSchemaError()
    {
        MessageAssert.SingleError(GridSignalMessageReader.Read(Message("\"evt-7\"")), MessageErrorCodes.Schema, "$.event");
    }

    [Fact]
    public void Read_UnknownProperty_ReportsSchemaErrorAtIt()
    {
        var result = GridSignalMessageReader.Read(Message(EventJson, ""","priority":1"""));

        MessageAssert.SingleError(result, MessageErrorCodes.Schema, "$.priority");
    }

    [Fact]
    public void Read_PlanRequestMessage_ReportsTypeMismatch()
    {
        var json = JsonNode.Parse(Message(EventJson))!.AsObject();
        json["type"] = "plan-request";

        MessageAssert.SingleError(GridSignalMessageReader.Read(json.ToJsonString()), MessageErrorCodes.TypeMismatch, "$.type");
    }

    [Fact]
    public void Read_FreeTextInsideTheEvent_IsTheVtnsAndIsKept()
    {
        var message = MessageAssert.Valid(GridSignalMessageReader.Read(Message("""{"id":"evt-7","eventName":"Line one\nline two"}""")));

        Assert.Equal("evt-7", message.EventId);
    }

    [Fact]
    public void Read_ControlCharacterInTheSiteId_IsRefusedAtItsPath()
    {
        var json = JsonNode.Parse(Message(EventJson))!;
        json["siteId"] = "depot\u0000";

        MessageAssert.SingleError(GridSignalMessageReader.Read(json.ToJsonString()), MessageErrorCodes.TextNotPrintable, "$.siteId");
    }

    [Fact]
    public void Read_MoreThanAQueueHolds_IsRefusedBeforeParsing()
    {
        var text = Message(EventJson, ",\"padding\":\"" + new string('x', Scheduler.Protocols.Input.InputLimits.MaxMessageBytes) + "\"");

        var error = MessageAssert.SingleError(GridSignalMessageReader.Read(text), MessageErrorCodes.MessageTooLarge, "$");

        Assert.Contains("more than the 65,536 bytes (64 KiB) a queue message holds", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_EscapedLoneSurrogateInAnId_IsMalformedJson()
    {
        var text = Message(EventJson).Replace("\"depot-1\"", "\"depot\\udc00\"", StringComparison.Ordinal);

        MessageAssert.SingleError(GridSignalMessageReader.Read(text), MessageErrorCodes.JsonMalformed, "$.siteId");
    }
}
