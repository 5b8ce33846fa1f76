using System.CommandLine;
using NodaTime;
using NodaTime.Text;
using Scheduler.Cli.Signals;

namespace Scheduler.Cli.Commands;

/// <summary><c>scheduler signals import &lt;events.json&gt; --site &lt;id&gt; [--levels file] [--now instant] [--horizon-hours h]</c>.</summary>
internal static class SignalsCommand
{
    /// <summary>Creates the command group.</summary>
    /// <param name="output">Where it prints.</param>
    /// <param name="clock">The clock that gives "now" when <c>--now</c> is not given.</param>
    public static Command Create(CliOutput output, IClock clock)
    {
        var events = new Argument<string>("events.json") { Description = "OpenADR 3 events as the VTN sends them: one event object or an array." };
        var site = new Option<string>("--site") { Description = "The site (VEN or resource name) the events must target.", Required = true, HelpName = "id" };
        var levels = new Option<string?>("--levels") { Description = "A JSON object mapping SIMPLE levels to a site limit in kW, e.g. {\"1\": 40, \"2\": 20}.", HelpName = "file" };
        var now = new Option<string?>("--now") { Description = "The instant taken as now (ISO 8601 with Z or an offset). Default: the system clock.", HelpName = "instant" };
        var horizon = new Option<double>("--horizon-hours") { Description = "Where open-ended events are cut off, in hours after now. Default: 168.", DefaultValueFactory = _ => 168, HelpName = "hours" };
        var withPrices = new Option<bool>("--with-prices") { Description = "Print {\"gridSignals\": [...], \"priceOverrides\": [...]} to include the events' PRICE intervals for the scenario's priceOverrides." };
        var import = new Command("import", "Prints the scenario's gridSignals array for a site from a file of OpenADR 3 events.")
        {
            events,
            site,
            levels,
            now,
            horizon,
            withPrices,
        };
        import.SetAction(parseResult =>
        {
            var hours = parseResult.GetValue(horizon);
            if (!double.IsFinite(hours) || hours <= 0 || hours > 24 * 366)
            {
                throw new BadInputException($"--horizon-hours: {hours} is not a horizon; expected hours above 0 and at most a year");
            }

            return SignalImport.Run(
                parseResult.GetRequiredValue(events),
                parseResult.GetRequiredValue(site),
                parseResult.GetValue(levels),
                ParseNow(parseResult.GetValue(now)) ?? clock.GetCurrentInstant(),
                Duration.FromHours(hours),
                parseResult.GetValue(withPrices),
                output);
        });
        return new Command("signals", "Demand-response signals: import OpenADR 3 events.") { import };
    }

    private static Instant? ParseNow(string? text)
    {
        if (text is null)
        {
            return null;
        }

        var parsed = OffsetDateTimePattern.ExtendedIso.Parse(text);
        return parsed.Success
            ? parsed.Value.ToInstant()
            : throw new BadInputException($"--now: '{text}' is not an ISO 8601 instant with an offset, e.g. 2026-03-10T18:00:00Z");
    }
}
