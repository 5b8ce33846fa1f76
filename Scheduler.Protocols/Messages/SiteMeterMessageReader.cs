using System.Text.Json;

namespace Scheduler.Protocols.Messages;

/// <summary>
/// Reads site-meter messages (<c>Schemas/messages/site-meter.v1.schema.json</c>). Bad input never throws: it comes
/// back as errors with a code and the JSON path of the value.
/// </summary>
public static class SiteMeterMessageReader
{
    /// <summary>Reads a site-meter message.</summary>
    /// <param name="json">The message text.</param>
    /// <returns>The message, or the first problems found (at most 20), each with a <see cref="MessageErrorCodes"/> code.</returns>
    public static MessageReadResult<SiteMeterMessage> Read(string json) =>
        MessageReading.Read(json, MessageTypes.SiteMeter, MessageSchemas.SiteMeter, Convert);

    private static SiteMeterMessage? Convert(JsonElement root, List<MessageError> errors)
    {
        var timestamp = MessageTime.ReadInstant(root.GetProperty("timestamp"), MessageFields.PathOf("timestamp"), errors);
        var start = root.Optional("intervalStart") is { } value ? MessageTime.ReadInstant(value, MessageFields.PathOf("intervalStart"), errors) : null;
        var register = root.OptionalNumber("importRegisterKwh");
        var average = root.OptionalNumber("averageImportKw");
        if (register is null && average is null)
        {
            errors.Add(new(MessageErrorCodes.SiteMeterReadingMissing, MessageFields.PathOf("importRegisterKwh"), "a reading without importRegisterKwh or averageImportKw, expected the import register in kWh, the average import in kW over intervalStart to timestamp, or both"));
        }

        if ((average is null) != (root.Optional("intervalStart") is null))
        {
            var path = MessageFields.PathOf(average is null ? "averageImportKw" : "intervalStart");
            errors.Add(new(MessageErrorCodes.SiteMeterInterval, path, "averageImportKw and intervalStart come together: the average import over the interval from intervalStart to timestamp"));
        }

        if (errors.Count > 0 || timestamp is null)
        {
            return null;
        }

        if (start is { } from && (from >= timestamp || timestamp - from > SiteMeterMessage.MaxInterval))
        {
            errors.Add(new(MessageErrorCodes.SiteMeterInterval, MessageFields.PathOf("intervalStart"), $"the interval runs from {MessageTime.Format(from)} to {MessageTime.Format(timestamp.Value)}, expected it to start before the timestamp and at most an hour before it"));
            return null;
        }

        return new SiteMeterMessage(root.RequiredString("id"), root.RequiredString("siteId"), timestamp.Value, register, start, average);
    }
}
