using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

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
