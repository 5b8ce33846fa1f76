using System.Globalization;
using System.Text.RegularExpressions;
using NodaTime;

namespace Scheduler.Protocols.OpenAdr;

/// <summary>
/// An OpenADR 3 duration (ISO 8601, e.g. <c>PT30M</c>, <c>P1W</c>, <c>PT0.5S</c>), or the sentinel <c>P9999Y</c> that
/// means "open-ended". Years are calendar years in UTC; months and negative durations are refused.
/// </summary>
public readonly record struct OpenAdrDuration
{
    /// <summary>The sentinel <c>P9999Y</c> for "infinity" (User Guide §7.3).</summary>
    public const string OpenEndedText = "P9999Y";

    private static readonly Regex Pattern = new(
        @"^(?<sign>[-+]?)P(?=\d|T\d)(?:(?<y>\d+)Y)?(?:(?<mo>\d+)M)?(?:(?<dw>\d+)(?<dwu>[DW]))?(?:T(?=\d)(?:(?<h>\d+)H)?(?:(?<mi>\d+)M)?(?:(?<s>\d+)(?:\.(?<f>\d{1,9}))?S)?)?$",
        RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture,
        TimeSpan.FromSeconds(1));

    private OpenAdrDuration(int years, Duration fixedPart, bool isOpenEnded)
    {
        Years = years;
        FixedPart = fixedPart;
        IsOpenEnded = isOpenEnded;
    }

    /// <summary>The zero duration <c>PT0S</c>, the schema's default.</summary>
    public static OpenAdrDuration Zero { get; } = new(0, Duration.Zero, false);

    /// <summary>The open-ended duration <c>P9999Y</c>.</summary>
    public static OpenAdrDuration OpenEnded { get; } = new(0, Duration.Zero, true);

    /// <summary>Calendar years (added in UTC); 0 for most durations.</summary>
    public int Years { get; }

    /// <summary>The weeks, days, hours, minutes and seconds, as an exact duration (a day is 24 hours).</summary>
    public Duration FixedPart { get; }

    /// <summary>True for <c>P9999Y</c>: no end.</summary>
    public bool IsOpenEnded { get; }

    /// <summary>True for a duration of no length (<c>PT0S</c>).</summary>
    public bool IsZero => !IsOpenEnded && Years == 0 && FixedPart == Duration.Zero;

    /// <summary>Reads an ISO 8601 duration as OpenADR 3 writes it.</summary>
    /// <param name="text">The duration text, e.g. <c>PT1H</c>.</param>
    /// <param name="duration">The duration read, or default on failure.</param>
    /// <param name="error">What is wrong, or null on success.</param>
    /// <returns>True when <paramref name="text"/> is a duration we accept.</returns>
    public static bool TryParse(string text, out OpenAdrDuration duration, out string? error)
    {
        duration = default;
        var match = Pattern.Match(text);
        if (!match.Success)
        {
            error = $"\"{text}\" is not an ISO 8601 duration such as PT1H, P1D or PT0.5S";
            return false;
        }

        if (match.Groups["sign"].Value == "-")
        {
            error = $"\"{text}\" is negative; a duration must be zero or more";
            return false;
        }

        if (match.Groups["sign"].Value == "+")
        {
            error = $"\"{text}\" has a sign; write the duration without one";
            return false;
        }

        if (match.Groups["mo"].Success)
        {
            error = $"\"{text}\" is in months, which have no fixed length (the User Guide advises against them); use days";
            return false;
        }

        if (text == OpenEndedText)
        {
            duration = OpenEnded;
            error = null;
            return true;
        }

        try
        {
            var years = match.Groups["y"].Success ? ParseInt(match.Groups["y"].Value) : 0;
            if (years > 1000)
            {
                error = $"\"{text}\" is more than 1000 years; write {OpenEndedText} for an open-ended duration";
                return false;
            }

            var fixedPart = Duration.Zero;
            if (match.Groups["dw"].Success)
            {
                var days = ParseInt(match.Groups["dw"].Value) * (match.Groups["dwu"].Value == "W" ? 7L : 1L);
                fixedPart += Duration.FromDays(checked((int)days));
            }

            fixedPart += Duration.FromHours(match.Groups["h"].Success ? ParseInt(match.Groups["h"].Value) : 0);
            fixedPart += Duration.FromMinutes(match.Groups["mi"].Success ? ParseInt(match.Groups["mi"].Value) : 0);
            fixedPart += Duration.FromSeconds(match.Groups["s"].Success ? ParseInt(match.Groups["s"].Value) : 0);
            if (match.Groups["f"].Success)
            {
                var fraction = match.Groups["f"].Value.PadRight(9, '0');
                fixedPart += Duration.FromNanoseconds(ParseInt(fraction));
            }

            if (fixedPart > Duration.FromDays(366 * 1000))
            {
                error = $"\"{text}\" is more than 1000 years; write {OpenEndedText} for an open-ended duration";
                return false;
            }

            duration = new OpenAdrDuration(years, fixedPart, false);
            error = null;
            return true;
        }
        catch (OverflowException)
        {
            error = $"\"{text}\" is too long; write {OpenEndedText} for an open-ended duration";
            return false;
        }
    }

    /// <summary>The instant this duration after <paramref name="start"/>, or null when the duration is open-ended.</summary>
    /// <param name="start">Where the duration begins.</param>
    /// <returns>The end, or null for "no end".</returns>
    public Instant? AddTo(Instant start)
    {
        if (IsOpenEnded)
        {
            return null;
        }

        var afterYears = Years == 0 ? start : start.InUtc().LocalDateTime.PlusYears(Years).InUtc().ToInstant();
        return afterYears + FixedPart;
    }

    private static int ParseInt(string digits) =>
        int.Parse(digits, NumberStyles.None, CultureInfo.InvariantCulture);
}
