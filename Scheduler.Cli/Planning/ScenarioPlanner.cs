using Scheduler.Cli.Output;
using Scheduler.Optimizer.Model;
using Scheduler.Optimizer.Plans;
using Scheduler.Optimizer.Solving;
using Scheduler.Protocols.Ocpp;
using Scheduler.Protocols.Plans;
using Scheduler.Protocols.Scenarios;
using Spectre.Console;

namespace Scheduler.Cli.Planning;

/// <summary>What <c>plan</c> and <c>demo</c> share: report a bad scenario, or solve it, write the plan file and print the summary.</summary>
internal static class ScenarioPlanner
{
    /// <summary>Solves a problem with the command line's options.</summary>
    /// <param name="problem">A valid problem.</param>
    /// <param name="timeLimit">The solver's wall-time limit; null for none.</param>
    public static Plan Solve(PlanningProblem problem, TimeSpan? timeLimit) =>
        ChargingSolver.Solve(problem, new SolverOptions { TimeLimit = timeLimit });

    /// <summary>Plans a scenario that has been read, and reports.</summary>
    /// <param name="source">The scenario's name for messages (its path).</param>
    /// <param name="scenario">What the reader made of it.</param>
    /// <param name="request">The output file and time limit.</param>
    /// <param name="output">Where to print.</param>
    /// <param name="note">A line printed under the summary, or null.</param>
    /// <returns>The exit code.</returns>
    /// <exception cref="BadInputException">The output file cannot be written where it was asked for.</exception>
    public static int Run(string source, ScenarioReadResult scenario, PlanRequest request, CliOutput output, string? note = null)
    {
        if (!scenario.IsValid)
        {
            var count = scenario.Errors.Count;
            output.Error.WriteLine($"error: {source} is not a valid scenario ({count} problem{(count == 1 ? string.Empty : "s")}):");
            foreach (var error in scenario.Errors)
            {
                output.Error.WriteLine($"  {error.Path}: {error.Message}");
            }

            return ExitCodes.BadInput;
        }

        var toStdout = request.OutPath == PlanRequest.Stdout;
        var outPath = toStdout ? null : request.OutPath;
        if (outPath is not null)
        {
            // Check before the solve, so that a typo in the folder costs no solver time.
            AtomicFile.CheckTarget(outPath);
        }

        var problem = scenario.Problem;
        var plan = Solve(problem, request.TimeLimit);
        var profiles = ChargingProfileBuilder.Build(plan, problem, new ChargingProfileOptions { Version = request.Ocpp });
        var json = PlanWriter.Write(plan, problem, profiles);

        if (outPath is not null)
        {
            // The file first: a summary must not announce a plan that could not be written.
            AtomicFile.WriteAllText(outPath, json);
        }

        // With the plan on stdout, the summary moves to stderr so that the JSON can be piped.
        var summary = CliConsole.Create(toStdout ? output.Error : output.Out);
        PlanSummary.Render(summary, source, problem, plan);
        if (note is not null)
        {
            summary.WriteLine(note);
        }

        if (toStdout)
        {
            output.Out.Write(json);
            output.Out.Flush();
        }
        else if (outPath is not null)
        {
            summary.WriteLine($"Plan written to {outPath}");
        }

        return ExitCodes.Success;
    }
}
