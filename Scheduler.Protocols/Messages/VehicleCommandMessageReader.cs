using System.Text.Json;

namespace Scheduler.Protocols.Messages;

/// <summary>
/// Reads vehicle-command messages (<c>Schemas/messages/vehicle-command.v1.schema.json</c>). Bad input never throws:
/// it comes back as errors with a code and the JSON path of the value.
/// </summary>
public static class VehicleCommandMessageReader
{
    /// <summary>Reads a vehicle-command message.</summary>
    /// <param name="json">The message text.</param>
    /// <returns>The message, or the first problems found (at most 20), each with a <see cref="MessageErrorCodes"/> code.</returns>
    public static MessageReadResult<VehicleCommandMessage> Read(string json) =>
        MessageReading.Read(json, MessageTypes.VehicleCommand, MessageSchemas.VehicleCommand, Convert);

    private static VehicleCommandMessage? Convert(JsonElement root, List<MessageError> errors)
    {
        var dueAt = MessageTime.ReadInstant(root.GetProperty("dueAt"), MessageFields.PathOf("dueAt"), errors);
        return errors.Count > 0 || dueAt is null
            ? null
            : new(
                root.RequiredString("id"),
                root.RequiredString("siteId"),
                root.RequiredString("planId"),
                root.RequiredString("sessionId"),
                dueAt.Value,
                root.Optional("attempt") is { } attempt ? (int)attempt.GetDouble() : 0);
    }
}
