using System.Text.Json;
using Scheduler.Protocols.Messages;

namespace Scheduler.Functions.Queues;

/// <summary>
/// What the readers of the app's own small messages share (<c>poison-replay</c>, <c>site-poll</c>): JSON with
/// <c>type</c>, <c>version</c> 1, an <c>id</c> of 1 to 128 characters and only the properties the type names.
/// </summary>
internal static class OperatorMessageReader
{
    /// <summary>Reads <paramref name="json"/> as a message of <paramref name="type"/>; <paramref name="convert"/> reads its own properties.</summary>
    public static MessageReadResult<T> Read<T>(string json, string type, IReadOnlyCollection<string> properties, Func<JsonElement, string, MessageReadResult<T>> convert)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || Text(root, "type") != type)
            {
                return Fail<T>("type.mismatch", "$.type", $"expected \"{type}\"");
            }

            if (!root.TryGetProperty("version", out var version) || version.ValueKind != JsonValueKind.Number || version.GetDouble() != 1)
            {
                return Fail<T>("version.unsupported", "$.version", "expected 1");
            }

            foreach (var property in root.EnumerateObject())
            {
                if (property.Name is not ("type" or "version" or "id") && !properties.Contains(property.Name))
                {
                    return Fail<T>("schema", $"$.{property.Name}", $"is not a property of a {type} message");
                }
            }

            return Text(root, "id") is { Length: > 0 and <= 128 } id ? convert(root, id) : Fail<T>("schema", "$.id", "required: 1 to 128 characters");
        }
        catch (JsonException e)
        {
            return Fail<T>("json.malformed", "$", $"not valid JSON at line {(e.LineNumber ?? 0) + 1}, byte {(e.BytePositionInLine ?? 0) + 1}");
        }
    }

    /// <summary>A string property, or null when it is missing or not a string.</summary>
    public static string? Text(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>A failure with one error.</summary>
    public static MessageReadResult<T> Fail<T>(string code, string path, string message)
        where T : class => MessageReadResult<T>.Failure([new MessageError(code, path, message)]);
}
