using System.Text.Json;

namespace Scheduler.Protocols.Messages;

/// <summary>
/// Reads only the envelope of a queue message (<c>type</c>, <c>version</c>, <c>id</c>), whatever its other
/// properties, so that a handler can log or set aside a message it cannot otherwise read, by its id.
/// </summary>
public static class MessageEnvelopeReader
{
    /// <summary>Reads the envelope of a message.</summary>
    /// <param name="json">The message text.</param>
    /// <returns>
    /// The envelope, also for a type this code does not know (<see cref="MessageEnvelope.IsKnownType"/> is then false);
    /// or errors: <c>json.malformed</c>, <c>schema</c> (type, version or id missing or of the wrong kind), and
    /// <c>version.unsupported</c> for a known type in a version other than 1.
    /// </returns>
    public static MessageReadResult<MessageEnvelope> Read(string json) =>
        MessageReading.Read(json, expectedType: null, MessageSchemas.Envelope, Convert);

    private static MessageEnvelope? Convert(JsonElement root, List<MessageError> errors)
    {
        var type = root.RequiredString("type");
        var version = root.GetProperty("version");

        // A type we do not know may well have versions we do not know; only a known type's version is ours to judge.
        if (MessageTypes.IsKnown(type) && MessageReading.CheckVersion(version) is { } versionError)
        {
            errors.Add(versionError);
            return null;
        }

        // The schema's "integer" admits 2.0 (read as 2) and 1e30, which no type of ours could have as its version.
        if (!version.TryGetDecimal(out var number) || number < int.MinValue || number > int.MaxValue)
        {
            errors.Add(new(MessageErrorCodes.VersionUnsupported, MessageFields.PathOf("version"), $"found version {version.GetRawText()}, expected a whole number such as 1"));
            return null;
        }

        return new MessageEnvelope(type, (int)number, root.RequiredString("id"));
    }
}
