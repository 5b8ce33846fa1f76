using System.CommandLine;
using Scheduler.Cli.Planning;

namespace Scheduler.Cli.Commands;

/// <summary><c>scheduler plan &lt;scenario.json&gt; [--out plan.json] [--time-limit seconds]</c>.</summary>
internal static class PlanCommand
{
    /// <summary>Creates the command.</summary>
    /// <param name="output">Where it prints.</param>
    public static Command Create(CliOutput output)
    {
        var scenario = new Argument<string>("scenario.json")
        {
            Description = "The scenario file (JSON, version 1) to plan.",
        };
        var outFile = CommonOptions.Out("Where to write the plan file (JSON); - writes it to stdout and the summary to stderr. Default: none, only the summary.");
        var timeLimit = CommonOptions.TimeLimit();
        var ocpp = CommonOptions.Ocpp();
        var command = new Command("plan", "Plans a scenario file: prints a summary and, with --out, writes the plan file.")
        {
            scenario,
            outFile,
            timeLimit,
            ocpp,
        };
        command.SetAction(parseResult =>
        {
            var path = parseResult.GetRequiredValue(scenario);
            var request = new PlanRequest(
                parseResult.GetValue(outFile),
                CommonOptions.ToTimeSpan(parseResult.GetValue(timeLimit)),
                CommonOptions.ToOcppVersion(parseResult.GetValue(ocpp)));
            return ScenarioPlanner.Run(path, ScenarioFile.Read(path), request, output);
        });
        return command;
    }
}
