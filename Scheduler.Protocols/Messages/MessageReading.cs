using System.Globalization;
using System.Text.Json;
using Scheduler.Protocols.Input;
using Scheduler.Protocols.JsonSupport;

namespace Scheduler.Protocols.Messages;

/// <summary>
/// The steps every queue message reader takes, in order: the size a queue holds, Unicode text, JSON syntax, the
/// hazards refused before any schema (duplicate properties, numbers beyond a decimal, control characters outside
/// the OpenADR event), the envelope (type, then version), the type's schema, and finally the reader's own checks.
/// The first step that finds problems ends the reading.
/// </summary>
internal static class MessageReading
{
    /// <summary>The most errors reported for one message; after these, the rest are likely consequences.</summary>
    public const int MaxErrors = 20;

    /// <summary>Where a message may hold free text: the OpenADR event of a grid-signal message, whose names and descriptions are the VTN's.</summary>
    private static readonly HashSet<string> FreeText = new(StringComparer.Ordinal) { "$.event" };

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

        // A queue holds at most 64 KiB; a longer text did not come through one. UTF-8 has at least one byte a character.
        if (json.Length > InputLimits.MaxMessageBytes)
        {
            return Fail<T>(MessageErrorCodes.MessageTooLarge, JsonPath.Root, string.Create(CultureInfo.InvariantCulture,
                $"the message holds {json.Length:N0} characters, more than the {InputLimits.MaxMessageBytes:N0} bytes (64 KiB) a queue message holds"));
        }

        // Every string of a message is an id, an instant, a zone or a code, except in the OpenADR event it may carry.
        var document = JsonInput.Parse(json, out var problems, textOnly: FreeText);
        if (document is null)
        {
            return MessageReadResult<T>.Failure(problems.Select(p => new MessageError(CodeOf(p.Kind), p.Path, p.Message)).ToList());
        }

        using (document)
        {
            var root = document.RootElement;
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

    private static string CodeOf(JsonProblemKind kind) => kind switch
    {
        JsonProblemKind.DuplicateProperty => MessageErrorCodes.JsonDuplicateProperty,
        JsonProblemKind.NumberOutOfRange => MessageErrorCodes.NumberOutOfRange,
        JsonProblemKind.NotPrintable => MessageErrorCodes.TextNotPrintable,
        JsonProblemKind.TooLarge => MessageErrorCodes.MessageTooLarge,
        _ => MessageErrorCodes.JsonMalformed,
    };
}
