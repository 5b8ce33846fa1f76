using System.Text.Json;
using Scheduler.Protocols.Ocpp;

namespace Scheduler.Protocols.Messages;

/// <summary>
/// Reads dispatch messages (<c>Schemas/messages/dispatch.v1.schema.json</c>). Bad input never throws: it comes back
/// as errors with a code and the JSON path of the value.
/// </summary>
public static class DispatchMessageReader
{
    /// <summary>Reads a dispatch message.</summary>
    /// <param name="json">The message text.</param>
    /// <returns>The message, or the first problems found (at most 20), each with a <see cref="MessageErrorCodes"/> code.</returns>
    public static MessageReadResult<DispatchMessage> Read(string json) =>
        MessageReading.Read(json, MessageTypes.Dispatch, MessageSchemas.Dispatch, Convert);

    private static DispatchMessage? Convert(JsonElement root, List<MessageError> errors)
    {
        // The schema's enum holds exactly the names of ChargingProfilePurpose.
        var purpose = Enum.Parse<ChargingProfilePurpose>(root.RequiredString("purpose"));
        var sessionId = root.OptionalString("sessionId");
        if (purpose == ChargingProfilePurpose.TxProfile && sessionId is null)
        {
            errors.Add(new(MessageErrorCodes.DispatchSessionMismatch, MessageFields.PathOf("sessionId"), "a TxProfile without sessionId, expected the session the profile is for"));
        }
        else if (purpose == ChargingProfilePurpose.TxDefaultProfile && sessionId is not null)
        {
            errors.Add(new(MessageErrorCodes.DispatchSessionMismatch, MessageFields.PathOf("sessionId"), "a TxDefaultProfile with a sessionId, expected none: the default profile is the charger's, for no session"));
        }

        return errors.Count > 0
            ? null
            : new(root.RequiredString("id"), root.RequiredString("siteId"), root.RequiredString("planId"), root.RequiredString("chargerId"), purpose, sessionId);
    }
}
