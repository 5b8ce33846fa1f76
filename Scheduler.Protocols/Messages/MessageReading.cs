using System.Globalization;
using System.Text;
using System.Text.Json;
using Scheduler.Protocols.JsonSupport;

namespace Scheduler.Protocols.Messages;

/// <summary>
/// The steps every queue message reader takes, in order: Unicode text, JSON syntax, the hazards refused before any
/// schema (duplicate properties, numbers beyond a decimal), the envelope (type, then version), the type's schema,
/// and finally the reader's own checks. The first step that finds problems ends the reading.
/// </summary>
internal static class MessageReading
{
    /// <summary>The most errors reported for one message; after these, the rest are likely consequences.</summary>
    public const int MaxErrors = 20;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Reads <paramref name="json"/> as a message of <paramref name="expectedType"/>.</summary>
    /// <param name="json">The message text.</param>
    /// <param name="expectedType">The type the caller reads, or null to accept any type (the envelope reader).</param>
    /// <param name="schema">The schema of that type.</param>
    /// <param name="convert">Makes the record from a schema-valid root, adding what else is wrong to the list; null when it is.</param>
    public static MessageReadResult<T> Read<T>(
        string json,
        string? expectedType,
        EmbeddedSchema schema,
        Func<JsonElement, List<MessageError>, T?> convert)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            // Only to find unpaired surrogates, which the JSON parser would pass on into strings.
            _ = StrictUtf8.GetByteCount(json);
        }
        catch (EncoderFallbackException e)
        {
            return Fail<T>(MessageErrorCodes.JsonMalformed, JsonPath.Root, string.Create(CultureInfo.InvariantCulture, $"the text holds an unpaired surrogate at character {e.Index + 1}, expected Unicode text"));
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            return Fail<T>(MessageErrorCodes.JsonMalformed, JsonPath.Root, SyntaxMessage(e));
        }

        using (document)
        {
            var root = document.RootElement;
            var hazards = DocumentPrecheck.Find(root, MaxErrors);
            if (hazards.Count > 0)
            {
                return MessageReadResult<T>.Failure(hazards.Select(h => new MessageError(HazardCode(h.Path, root), h.Path, h.Message)).ToList());
            }

            if (expectedType is not null)
            {
                // The envelope first: a message of another type would otherwise fail the schema at every property.
                var envelopeErrors = CheckEnvelope(root, expectedType);
                if (envelopeErrors.Count > 0)
                {
                    return MessageReadResult<T>.Failure(envelopeErrors);
                }
            }

            var violations = schema.Validate(root, MaxErrors);
            if (violations.Count > 0)
            {
                return MessageReadResult<T>.Failure(violations.Select(v => new MessageError(MessageErrorCodes.Schema, v.Location.Path, v.Message)).ToList());
            }

            var errors = new List<MessageError>();
            var message = convert(root, errors);
            return errors.Count > 0 || message is null
                ? MessageReadResult<T>.Failure(errors.Take(MaxErrors).ToList())
                : MessageReadResult<T>.Success(message);
        }
    }

    /// <summary>The error for a <c>version</c> this code does not read, or null for version 1.</summary>
    public static MessageError? CheckVersion(JsonElement version)
    {
        if (version.ValueKind == JsonValueKind.Number && version.TryGetDecimal(out var number) && number == MessageTypes.CurrentVersion)
        {
            return null;
        }

        return new MessageError(
            MessageErrorCodes.VersionUnsupported,
            JsonPath.Property(JsonPath.Root, "version"),
            $"found version {JsonPath.Describe(version)}, expected {MessageTypes.CurrentVersion.ToString(CultureInfo.InvariantCulture)} (the only version this reader knows)");
    }

    /// <summary>Returns a failed result with one error.</summary>
    public static MessageReadResult<T> Fail<T>(string code, string path, string message)
        where T : class => MessageReadResult<T>.Failure([new MessageError(code, path, message)]);

    private static List<MessageError> CheckEnvelope(JsonElement root, string expectedType)
    {
        var violations = MessageSchemas.Envelope.Validate(root, MaxErrors);
        if (violations.Count > 0)
        {
            return violations.Select(v => new MessageError(MessageErrorCodes.Schema, v.Location.Path, v.Message)).ToList();
        }

        var type = root.GetProperty("type").GetString() ?? string.Empty;
        var typePath = JsonPath.Property(JsonPath.Root, "type");
        if (!MessageTypes.IsKnown(type))
        {
            return [new(MessageErrorCodes.TypeUnknown, typePath, $"found type {JsonPath.Describe(root.GetProperty("type"))}, expected \"{expectedType}\" (known types: {string.Join(", ", MessageTypes.All)})")];
        }

        if (!string.Equals(type, expectedType, StringComparison.Ordinal))
        {
            return [new(MessageErrorCodes.TypeMismatch, typePath, $"found a \"{type}\" message, expected \"{expectedType}\": it was sent to the wrong reader or queue")];
        }

        return CheckVersion(root.GetProperty("version")) is { } versionError ? [versionError] : [];
    }

    private static string HazardCode(string path, JsonElement root)
    {
        // DocumentPrecheck finds two kinds of hazard: a number too large for a decimal is reported at the number,
        // a duplicate property at the name. The value at the path tells them apart.
        return ValueAt(root, path) is { ValueKind: JsonValueKind.Number } number && !number.TryGetDecimal(out _)
            ? MessageErrorCodes.NumberOutOfRange
            : MessageErrorCodes.JsonDuplicateProperty;
    }

    private static JsonElement? ValueAt(JsonElement root, string path)
    {
        // Finds the value a path of DocumentPrecheck names by building each child's path the same way.
        return Find(root, JsonPath.Root);

        JsonElement? Find(JsonElement element, string here)
        {
            if (string.Equals(here, path, StringComparison.Ordinal))
            {
                return element;
            }

            if (!path.StartsWith(here, StringComparison.Ordinal))
            {
                return null;
            }

            if (element.ValueKind == JsonValueKind.Object)
            {
                foreach (var property in element.EnumerateObject())
                {
                    if (Find(property.Value, JsonPath.Property(here, property.Name)) is { } found)
                    {
                        return found;
                    }
                }
            }
            else if (element.ValueKind == JsonValueKind.Array)
            {
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    if (Find(item, JsonPath.Index(here, index++)) is { } found)
                    {
                        return found;
                    }
                }
            }

            return null;
        }
    }

    private static string SyntaxMessage(JsonException e)
    {
        // The parser's message ends with its own zero-based position; we give a one-based one instead.
        var reason = e.Message;
        var cut = reason.IndexOf(" LineNumber:", StringComparison.Ordinal);
        if (cut >= 0)
        {
            reason = reason[..cut];
        }

        if (e.LineNumber is not { } line || e.BytePositionInLine is not { } column)
        {
            return $"not valid JSON: {reason}";
        }

        return string.Create(CultureInfo.InvariantCulture, $"not valid JSON at line {line + 1}, byte {column + 1} of the line: {reason}");
    }
}
