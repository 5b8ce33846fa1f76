using Scheduler.Protocols.Messages;

namespace Scheduler.Functions.Queues;

/// <summary>Reads a <c>site-poll</c> message: <c>{ "type": "site-poll", "version": 1, "id": "…", "siteId": "…" }</c>.</summary>
public static class SitePollMessageReader
{
    /// <summary>Reads and checks the message.</summary>
    public static MessageReadResult<SitePollMessage> Read(string json) =>
        OperatorMessageReader.Read(json, SitePollMessage.Type, ["siteId"], (root, id) =>
            OperatorMessageReader.Text(root, "siteId") is { Length: > 0 and <= 128 } siteId
                ? MessageReadResult<SitePollMessage>.Success(new SitePollMessage(id, siteId))
                : OperatorMessageReader.Fail<SitePollMessage>("schema", "$.siteId", "required: 1 to 128 characters"));
}
