using System.Text.Json;
using NodaTime;
using NodaTime.Text;

namespace Scheduler.Protocols.JsonSupport;

/// <summary>How our files write numbers and instants: rounded decimals, and ISO 8601 with the site's offset.</summary>
internal static class JsonWriterExtensions
{
    // Always +HH:mm, also at offset zero, so every instant in a file shows the site's offset the same way.
    private static readonly OffsetDateTimePattern InstantPattern =
        OffsetDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd'T'HH':'mm':'ss;FFFFFFFFFo<+HH:mm>");

    // The largest magnitude a decimal holds, with room for rounding.
    private const double MaxDecimal = 7.9e27;

    /// <summary>Writes <paramref name="value"/> rounded to <paramref name="decimals"/> places (half away from zero), without trailing zeros.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is NaN or infinite: a plan never holds one.</exception>
    public static void WriteRounded(this Utf8JsonWriter writer, string name, double value, int decimals)
    {
        writer.WritePropertyName(name);
        if (!double.IsFinite(value))
        {
            throw new ArgumentOutOfRangeException(name, value, "must be a finite number");
        }

        if (Math.Abs(value) < MaxDecimal)
        {
            writer.WriteNumberValue(Round(value, decimals));
        }
        else
        {
            writer.WriteNumberValue(Math.Round(value));
        }
    }

    /// <summary>Writes <paramref name="value"/> rounded, or null where it is absent or not a finite number.</summary>
    public static void WriteRoundedOrNull(this Utf8JsonWriter writer, string name, double? value, int decimals)
    {
        if (value is { } v && double.IsFinite(v))
        {
            writer.WriteRounded(name, v, decimals);
        }
        else
        {
            writer.WriteNull(name);
        }
    }

    /// <summary>Rounds to <paramref name="decimals"/> places, half away from zero, dropping trailing zeros and the sign of zero.</summary>
    public static decimal Round(double value, int decimals)
    {
        var rounded = Math.Round((decimal)value, decimals, MidpointRounding.AwayFromZero);

        // Dividing by 1 with many zeros gives the shortest scale; zero loses its sign.
        return rounded == 0 ? 0m : rounded / 1.000000000000000000000000000000000m;
    }

    /// <summary>Writes an instant as ISO 8601 with the offset <paramref name="zone"/> has at that instant, e.g. 2026-03-29T03:00:00+02:00.</summary>
    public static void WriteInstant(this Utf8JsonWriter writer, string name, Instant instant, DateTimeZone zone) =>
        writer.WriteString(name, FormatInstant(instant, zone));

    /// <summary>Formats an instant as ISO 8601 with the offset <paramref name="zone"/> has at that instant.</summary>
    public static string FormatInstant(Instant instant, DateTimeZone zone) =>
        InstantPattern.Format(instant.InZone(zone).ToOffsetDateTime());
}
