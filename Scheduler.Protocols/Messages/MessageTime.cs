using System.Text.Json;
using NodaTime;
using NodaTime.Text;
using Scheduler.Protocols.JsonSupport;

namespace Scheduler.Protocols.Messages;

/// <summary>How messages write times: instants as ISO 8601 with seconds and an offset, local times without one.</summary>
public static class MessageTime
{
    // Seconds required, fraction optional, offset "Z" or ±HH:mm.
    private static readonly OffsetDateTimePattern WithOffset = OffsetDateTimePattern.ExtendedIso;
    private static readonly LocalDateTimePattern LocalWithSeconds = LocalDateTimePattern.ExtendedIso;
    private static readonly LocalDateTimePattern LocalToMinutes = LocalDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd'T'HH':'mm");

    private const string InstantExample = "an ISO 8601 instant with seconds and an offset, e.g. 2026-03-10T07:30:00+01:00 or 2026-03-10T06:30:00Z";

    /// <summary>Reads the instant at <paramref name="path"/>, or adds why it is not one to <paramref name="errors"/>.</summary>
    public static Instant? ReadInstant(JsonElement value, string path, List<MessageError> errors)
    {
        var text = value.GetString() ?? string.Empty;
        var parsed = WithOffset.Parse(text);
        if (parsed.Success)
        {
            return parsed.Value.ToInstant();
        }

        if (ParseLocal(text) is not null)
        {
            errors.Add(new(MessageErrorCodes.TimeNoOffset, path, $"found {JsonPath.Describe(value)}, a local time without an offset, expected {InstantExample}"));
        }
        else
        {
            errors.Add(new(MessageErrorCodes.TimeMalformed, path, $"found {JsonPath.Describe(value)}, expected {InstantExample}"));
        }

        return null;
    }

    /// <summary>Reads the local date and time at <paramref name="path"/> (seconds optional), or adds why it is not one.</summary>
    public static LocalDateTime? ReadLocal(JsonElement value, string path, List<MessageError> errors)
    {
        if (ParseLocal(value.GetString() ?? string.Empty) is { } local)
        {
            return local;
        }

        errors.Add(new(MessageErrorCodes.TimeMalformed, path, $"found {JsonPath.Describe(value)}, expected a local date and time without an offset, e.g. 2026-03-10T07:30 or 2026-03-10T07:30:00"));
        return null;
    }

    /// <summary>Formats an instant in UTC, e.g. 2026-03-10T06:30:00Z; <see cref="ReadInstant"/> reads it back exactly.</summary>
    public static string Format(Instant instant) => InstantPattern.ExtendedIso.Format(instant);

    private static LocalDateTime? ParseLocal(string text)
    {
        var parsed = LocalWithSeconds.Parse(text);
        if (!parsed.Success)
        {
            parsed = LocalToMinutes.Parse(text);
        }

        return parsed.Success ? parsed.Value : null;
    }
}
