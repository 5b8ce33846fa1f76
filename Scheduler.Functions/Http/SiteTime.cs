using NodaTime;
using NodaTime.Text;

namespace Scheduler.Functions.Http;

/// <summary>Instants as the API writes them: ISO 8601 with the offset the site's zone has then, as plan files do.</summary>
public static class SiteTime
{
    private static readonly OffsetDateTimePattern Pattern = OffsetDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd'T'HH':'mm':'ss;FFFFFFFFFo<+HH:mm>");

    /// <summary>Formats <paramref name="instant"/> in <paramref name="zone"/>, e.g. 2026-03-10T07:30:00+01:00.</summary>
    public static string Format(Instant instant, DateTimeZone zone) => Pattern.Format(instant.InZone(zone).ToOffsetDateTime());

    /// <summary>Reads an instant with an offset, as plan files write them.</summary>
    /// <exception cref="UnparsableValueException">The text is not one.</exception>
    public static Instant Parse(string text) => OffsetDateTimePattern.ExtendedIso.Parse(text).GetValueOrThrow().ToInstant();
}
