using Scheduler.Protocols.Messages;

namespace Scheduler.Functions.Queues;

/// <summary>
/// Reads a <c>poison-replay</c> message: <c>{ "type": "poison-replay", "version": 1, "id": "…", "queue": "departures",
/// "messageId": "…" }</c>, where <c>messageId</c> is optional.
/// </summary>
public static class PoisonReplayMessageReader
{
    /// <summary>The message type.</summary>
    public const string Type = "poison-replay";

    /// <summary>Reads and checks the message.</summary>
    public static MessageReadResult<PoisonReplayMessage> Read(string json) =>
        OperatorMessageReader.Read(json, Type, ["queue", "messageId"], (root, id) =>
        {
            if (OperatorMessageReader.Text(root, "queue") is not { } queue || !QueueNames.All.Contains(queue, StringComparer.Ordinal))
            {
                return OperatorMessageReader.Fail<PoisonReplayMessage>("schema", "$.queue", "required: one of " + string.Join(", ", QueueNames.All));
            }

            var messageId = OperatorMessageReader.Text(root, "messageId");
            if (root.TryGetProperty("messageId", out _) && messageId is not { Length: > 0 and <= 1024 })
            {
                return OperatorMessageReader.Fail<PoisonReplayMessage>("schema", "$.messageId", "a message id: 1 to 1024 characters");
            }

            return MessageReadResult<PoisonReplayMessage>.Success(new PoisonReplayMessage(id, queue, messageId));
        });
}
