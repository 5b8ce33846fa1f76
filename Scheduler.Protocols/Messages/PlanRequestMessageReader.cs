using System.Text.Json;

namespace Scheduler.Protocols.Messages;

/// <summary>
/// Reads plan-request messages (<c>Schemas/messages/plan-request.v1.schema.json</c>). Bad input never throws: it
/// comes back as errors with a code and the JSON path of the value.
/// </summary>
public static class PlanRequestMessageReader
{
    /// <summary>Reads a plan-request message.</summary>
    /// <param name="json">The message text.</param>
    /// <returns>The message, or the first problems found (at most 20), each with a <see cref="MessageErrorCodes"/> code.</returns>
    public static MessageReadResult<PlanRequestMessage> Read(string json) =>
        MessageReading.Read(json, MessageTypes.PlanRequest, MessageSchemas.PlanRequest, Convert);

    private static PlanRequestMessage? Convert(JsonElement root, List<MessageError> errors) =>
        MessageTime.ReadInstant(root.GetProperty("requestedAt"), MessageFields.PathOf("requestedAt"), errors) is { } requestedAt
            ? new(root.RequiredString("id"), root.RequiredString("siteId"), requestedAt, root.RequiredString("reason"))
            : null;
}
