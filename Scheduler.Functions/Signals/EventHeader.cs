using System.Text.Json;
using NodaTime;
using NodaTime.Text;

namespace Scheduler.Functions.Signals;

/// <summary>
/// What the app needs of an OpenADR 3 event before reading it whole: its id, version and program. Lenient on
/// purpose: a deletion notice or a VTN's listing may carry little more than these, and a missing part is null.
/// </summary>
/// <param name="Id">The event's <c>id</c>.</param>
/// <param name="ModifiedAt">Its <c>modificationDateTime</c>.</param>
/// <param name="ProgramId">Its <c>programID</c>.</param>
internal sealed record EventHeader(string? Id, Instant? ModifiedAt, string? ProgramId)
{
    /// <summary>Reads the header of an event object; all null when the text is not a JSON object.</summary>
    public static EventHeader Read(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return new EventHeader(null, null, null);
            }

            Instant? modified = Text(root, "modificationDateTime") is { } text && OffsetDateTimePattern.ExtendedIso.Parse(text) is { Success: true } parsed
                ? parsed.Value.ToInstant()
                : null;
            return new EventHeader(Text(root, "id"), modified, Text(root, "programID"));
        }
        catch (JsonException)
        {
            return new EventHeader(null, null, null);
        }
    }

    private static string? Text(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
