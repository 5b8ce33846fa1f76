using System.Text.Json;

namespace Scheduler.Protocols.Messages;

/// <summary>
/// Reads session-event messages (<c>Schemas/messages/session-event.v1.schema.json</c>). Bad input never throws: it
/// comes back as errors with a code and the JSON path of the value.
/// </summary>
public static class SessionEventMessageReader
{
    /// <summary>The property holding the NotifyEVChargingNeedsRequest of a <c>chargingNeeds</c> event.</summary>
    internal const string NeedsProperty = "notifyEVChargingNeeds";

    /// <summary>The property holding the NotifyEVChargingScheduleRequest of an <c>evChargingSchedule</c> event.</summary>
    internal const string ScheduleProperty = "notifyEVChargingSchedule";

    /// <summary>Reads a session-event message.</summary>
    /// <param name="json">The message text.</param>
    /// <returns>The message, or the first problems found (at most 20), each with a <see cref="MessageErrorCodes"/> code.</returns>
    public static MessageReadResult<SessionEventMessage> Read(string json) =>
        MessageReading.Read(json, MessageTypes.SessionEvent, MessageSchemas.SessionEvent, Convert);

    /// <summary>The wire name of <paramref name="kind"/>, e.g. <c>meterValues</c>.</summary>
    internal static string WireName(SessionEventKind kind) => kind switch
    {
        SessionEventKind.Started => "started",
        SessionEventKind.MeterValues => "meterValues",
        SessionEventKind.Stopped => "stopped",
        SessionEventKind.ChargingNeeds => "chargingNeeds",
        SessionEventKind.EvChargingSchedule => "evChargingSchedule",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "not a session event kind"),
    };

    private static SessionEventMessage? Convert(JsonElement root, List<MessageError> errors)
    {
        var eventName = root.RequiredString("event");
        var kind = Enum.GetValues<SessionEventKind>().First(k => string.Equals(WireName(k), eventName, StringComparison.Ordinal));
        var meterWh = root.OptionalNumber("meterWh");
        if (meterWh is null && kind is SessionEventKind.MeterValues or SessionEventKind.Stopped)
        {
            errors.Add(new(MessageErrorCodes.MeterMissing, MessageFields.PathOf("meterWh"), $"a \"{eventName}\" event without meterWh, expected the charger's energy register in Wh"));
        }

        var timestamp = MessageTime.ReadInstant(root.GetProperty("timestamp"), MessageFields.PathOf("timestamp"), errors);
        var needs = ReadPayload(root, kind, SessionEventKind.ChargingNeeds, NeedsProperty, EvChargingNeedsReader.Read, errors);
        var schedule = ReadPayload(root, kind, SessionEventKind.EvChargingSchedule, ScheduleProperty, EvChargingScheduleReader.Read, errors);
        if (errors.Count > 0 || timestamp is null)
        {
            return null;
        }

        // The schema allows 1.0 for an integer; it is read as 1.
        var connectorId = root.Optional("connectorId") is { } connector ? (int)connector.GetDouble() : 1;
        return new SessionEventMessage(
            root.RequiredString("id"),
            root.RequiredString("siteId"),
            kind,
            root.RequiredString("chargerId"),
            root.RequiredString("transactionId"),
            timestamp.Value,
            meterWh,
            connectorId,
            root.OptionalString("vehicleId"),
            root.OptionalNumber("powerW"),
            needs,
            schedule);
    }

    // The OCPP request a vehicle event is about belongs to that event alone: required there, refused on any other.
    private static T? ReadPayload<T>(
        JsonElement root, SessionEventKind kind, SessionEventKind owner, string property, Func<JsonElement, string, List<MessageError>, T?> read, List<MessageError> errors)
        where T : class
    {
        var body = root.Optional(property);
        var path = MessageFields.PathOf(property);
        if (kind == owner && body is null)
        {
            errors.Add(new(MessageErrorCodes.EvPayloadMissing, path, $"a \"{WireName(kind)}\" event without {property}, expected the OCPP request the charger sent"));
        }
        else if (kind != owner && body is not null)
        {
            errors.Add(new(MessageErrorCodes.EvPayloadMissing, path, $"{property} belongs to a \"{WireName(owner)}\" event, not a \"{WireName(kind)}\" one"));
        }

        return kind == owner && body is { } value ? read(value, path, errors) : null;
    }
}
