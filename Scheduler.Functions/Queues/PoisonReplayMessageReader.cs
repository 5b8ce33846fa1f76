using System.Text.Json;
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
    public static MessageReadResult<PoisonReplayMessage> Read(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || Text(root, "type") != Type)
            {
                return Fail("type.mismatch", "$.type", $"expected \"{Type}\"");
            }

            if (!root.TryGetProperty("version", out var version) || version.ValueKind != JsonValueKind.Number || version.GetDouble() != 1)
            {
                return Fail("version.unsupported", "$.version", "expected 1");
            }

            foreach (var property in root.EnumerateObject())
            {
                if (property.Name is not ("type" or "version" or "id" or "queue" or "messageId"))
                {
                    return Fail("schema", $"$.{property.Name}", "is not a property of a poison-replay message");
                }
            }

            if (Text(root, "id") is not { Length: > 0 and <= 128 } id)
            {
                return Fail("schema", "$.id", "required: 1 to 128 characters");
            }

            if (Text(root, "queue") is not { } queue || !QueueNames.All.Contains(queue, StringComparer.Ordinal))
            {
                return Fail("schema", "$.queue", "required: one of " + string.Join(", ", QueueNames.All));
            }

            var messageId = Text(root, "messageId");
            if (root.TryGetProperty("messageId", out _) && messageId is not { Length: > 0 and <= 1024 })
            {
                return Fail("schema", "$.messageId", "a message id: 1 to 1024 characters");
            }

            return MessageReadResult<PoisonReplayMessage>.Success(new PoisonReplayMessage(id, queue, messageId));
        }
        catch (JsonException e)
        {
            return Fail("json.malformed", "$", $"not valid JSON at line {(e.LineNumber ?? 0) + 1}, byte {(e.BytePositionInLine ?? 0) + 1}");
        }
    }

    private static string? Text(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static MessageReadResult<PoisonReplayMessage> Fail(string code, string path, string message) =>
        MessageReadResult<PoisonReplayMessage>.Failure([new MessageError(code, path, message)]);
}
