using System.Text.Json;

namespace Scheduler.Protocols.Messages;

/// <summary>
/// Reads grid-signal messages (<c>Schemas/messages/grid-signal.v1.schema.json</c>). Only the envelope, the site and
/// the event's id are read; the event itself is kept as text for <see cref="OpenAdr.OpenAdrEventReader"/>.
/// </summary>
public static class GridSignalMessageReader
{
    /// <summary>Reads a grid-signal message.</summary>
    /// <param name="json">The message text.</param>
    /// <returns>The message, or the first problems found (at most 20), each with a <see cref="MessageErrorCodes"/> code.</returns>
    public static MessageReadResult<GridSignalMessage> Read(string json) =>
        MessageReading.Read(json, MessageTypes.GridSignal, MessageSchemas.GridSignal, Convert);

    private static GridSignalMessage? Convert(JsonElement root, List<MessageError> errors) => new(
        root.RequiredString("id"),
        root.RequiredString("siteId"),
        root.GetProperty("event").GetRawText(),
        root.Optional("deleted")?.GetBoolean() ?? false);
}
