using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using NodaTime;
using NodaTime.Text;
using Scheduler.Protocols.Input;

namespace Scheduler.Cli.Commands;

/// <summary>Options that more than one command takes.</summary>
internal static class CommonOptions
{
    /// <summary>The longest time limit accepted, in seconds: a day.</summary>
    private const double MaxTimeLimitSeconds = 86_400;

    /// <summary><c>--out &lt;file&gt;</c>: where to write the plan file; <c>-</c> for stdout. Optional.</summary>
    /// <param name="description">The help text.</param>
    public static Option<string?> Out(string description) => new("--out", "-o")
    {
        Description = description,
        HelpName = "file",
    };

    /// <summary><c>--time-limit &lt;seconds&gt;</c>: the solver's wall-time limit. Optional; the default is no limit.</summary>
    public static Option<double?> TimeLimit() => new("--time-limit")
    {
        Description = "The most wall time the solver may take, in seconds; past it the best safe plan so far is returned. Default: no limit.",
        HelpName = "seconds",
        CustomParser = ParseSeconds,
    };

    /// <summary><c>--ocpp 1.6|2.0.1</c>: the OCPP version of the charging profiles in the plan file; 2.0.1 by default.</summary>
    public static Option<string> Ocpp() => new("--ocpp")
    {
        Description = "The OCPP version of the charging profiles written into the plan file: 1.6 or 2.0.1. Default: 2.0.1.",
        HelpName = "version",
        DefaultValueFactory = _ => "2.0.1",
    };

    /// <summary>The version the <c>--ocpp</c> value names.</summary>
    /// <param name="value">The option's value.</param>
    /// <exception cref="BadInputException">It names no version we speak.</exception>
    public static Scheduler.Protocols.Ocpp.OcppVersion ToOcppVersion(string? value) => value switch
    {
        "1.6" => Scheduler.Protocols.Ocpp.OcppVersion.V16,
        "2.0.1" or null => Scheduler.Protocols.Ocpp.OcppVersion.V201,
        _ => throw new BadInputException($"--ocpp: '{value}' is not an OCPP version we speak; expected 1.6 or 2.0.1"),
    };

    /// <summary>The time limit as a span, or null when none was given.</summary>
    /// <param name="seconds">The option's value.</param>
    public static TimeSpan? ToTimeSpan(double? seconds) => seconds is { } s ? TimeSpan.FromSeconds(s) : null;

    /// <summary>Parses a local date (yyyy-MM-dd) given on the command line, in the years every reader accepts.</summary>
    /// <param name="text">The option's value.</param>
    /// <param name="option">The option's name, for the message.</param>
    /// <exception cref="BadInputException">It is not such a date.</exception>
    public static LocalDate ParseDate(string text, string option)
    {
        var parsed = LocalDatePattern.Iso.Parse(text);
        if (!parsed.Success)
        {
            throw new BadInputException($"{option}: '{text}' is not a date; expected yyyy-MM-dd, e.g. 2026-03-10");
        }

        return parsed.Value.Year is >= InputLimits.MinYear and <= InputLimits.MaxYear
            ? parsed.Value
            : throw new BadInputException(string.Create(CultureInfo.InvariantCulture, $"{option}: '{text}' is not in the years {InputLimits.MinYear} to {InputLimits.MaxYear}"));
    }

    /// <summary>The dates from <paramref name="first"/> to <paramref name="last"/>, both included, at most <paramref name="maxDays"/> of them.</summary>
    /// <param name="first">The first date (<c>--from</c>).</param>
    /// <param name="last">The last date (<c>--to</c>).</param>
    /// <param name="maxDays">The most days the command covers.</param>
    /// <param name="what">What the span is for, e.g. "a replay covers".</param>
    /// <param name="firstName">What names the first date, e.g. <c>--from</c>.</param>
    /// <param name="lastName">What names the last date, e.g. <c>--to</c>.</param>
    /// <exception cref="BadInputException"><paramref name="last"/> is before <paramref name="first"/>, or the span is too long.</exception>
    public static DateInterval DateSpan(LocalDate first, LocalDate last, int maxDays, string what, string firstName = "--from", string lastName = "--to")
    {
        if (last < first)
        {
            throw new BadInputException($"{lastName} {last:uuuu-MM-dd} is before {firstName} {first:uuuu-MM-dd}");
        }

        var days = Period.DaysBetween(first, last) + 1;
        return days <= maxDays
            ? new DateInterval(first, last)
            : throw new BadInputException(string.Create(CultureInfo.InvariantCulture,
                $"{firstName} {first:uuuu-MM-dd} to {lastName} {last:uuuu-MM-dd} is {days:N0} days: {what} at most {maxDays} days"));
    }

    private static double? ParseSeconds(ArgumentResult result)
    {
        var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : string.Join(' ', result.Tokens.Select(t => t.Value));
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds)
            && seconds > 0
            && seconds <= MaxTimeLimitSeconds)
        {
            return seconds;
        }

        result.AddError(string.Create(
            CultureInfo.InvariantCulture,
            $"--time-limit: '{text}' is not a time limit; expected a number of seconds above 0 and at most {MaxTimeLimitSeconds}, e.g. 2.5"));
        return null;
    }
}
