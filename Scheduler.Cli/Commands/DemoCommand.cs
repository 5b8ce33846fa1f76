using System.CommandLine;
using Scheduler.Cli.Planning;

namespace Scheduler.Cli.Commands;

/// <summary><c>scheduler demo [--out plan.json] [--time-limit seconds]</c>: plans the embedded sample site.</summary>
internal static class DemoCommand
{
    /// <summary>Creates the command.</summary>
    /// <param name="output">Where it prints.</param>
    public static Command Create(CliOutput output)
    {
        var outFile = CommonOptions.Out("Where to write the plan file (JSON); - writes it to stdout and the summary to stderr. Default: none.");
        var timeLimit = CommonOptions.TimeLimit();
        var ocpp = CommonOptions.Ocpp();
        var command = new Command(
            "demo",
            "Plans the bundled sample site: a depot and staff car park in Vienna with 26 chargers, noon to noon on 10-11 March 2026, real day-ahead prices. No network.")
        {
            outFile,
            timeLimit,
            ocpp,
        };
        command.SetAction(parseResult =>
        {
            var request = new PlanRequest(
                parseResult.GetValue(outFile),
                CommonOptions.ToTimeSpan(parseResult.GetValue(timeLimit)),
                CommonOptions.ToOcppVersion(parseResult.GetValue(ocpp)));
            return ScenarioPlanner.Run(DemoScenario.DisplayName, DemoScenario.Read(), request, output, DemoScenario.PriceSource);
        });
        return command;
    }
}
