using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using Scheduler.Cli.Bench;
using Scheduler.Cli.Output;
using Scheduler.Optimizer.Synthetic;
using Scheduler.Protocols.Input;
using Scheduler.Protocols.Scenarios;
using Spectre.Console;

namespace Scheduler.Cli.Commands;

/// <summary><c>scheduler bench [--sizes 10,100,1000,5000] [--seed 1] [--time-limit seconds]</c>: the performance benchmark.</summary>
internal static class BenchCommand
{
    /// <summary>The largest size the option reads; <see cref="PlanningLimits"/> then bounds each site as it bounds any plan.</summary>
    private const int MaxSessions = InputLimits.MaxSessions;

    /// <summary>Creates the command.</summary>
    /// <param name="output">Where it prints: the tables to stdout, progress to stderr.</param>
    public static Command Create(CliOutput output)
    {
        var sizes = new Option<int[]>("--sizes")
        {
            Description = "The numbers of sessions to measure, separated by commas.",
            HelpName = "n,n,…",
            DefaultValueFactory = _ => [10, 100, 1000, 5000],
            CustomParser = ParseSizes,
        };
        var seed = new Option<int>("--seed")
        {
            Description = "The random seed of the synthetic sites.",
            DefaultValueFactory = _ => 1,
        };
        var timeLimit = CommonOptions.TimeLimit();
        var command = new Command(
            "bench",
            "Plans seeded synthetic depots of each size (24 h of 15-min slots), each in a child process of its own, one after another, and prints wall time, peak memory, cost and gap.")
        {
            sizes,
            seed,
            timeLimit,
        };
        command.SetAction(parseResult =>
        {
            var seedValue = parseResult.GetValue(seed);
            foreach (var size in parseResult.GetRequiredValue(sizes))
            {
                // A benchmark measures plans the scheduler would accept, and so stays within their memory.
                if (PlanningLimits.Check(SyntheticSite.Create(size, seedValue)) is [var first, ..])
                {
                    throw new BadInputException($"--sizes: the depot of {size} sessions is larger than one plan may be: {first}");
                }
            }

            var rows = BenchRunner.Run(parseResult.GetRequiredValue(sizes), seedValue, CommonOptions.ToTimeSpan(parseResult.GetValue(timeLimit)), output.Error);

            var console = CliConsole.Create(output.Out);
            console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"Synthetic depots, seed {seedValue}; wall = the solve alone, after a warm-up solve; {BenchReport.Machine()}."));
            console.Write(BenchReport.Table(rows));
            console.WriteLine();
            output.Out.Write(BenchReport.Markdown(rows));
            output.Out.Flush();
            return rows.All(r => r.Result is not null) ? ExitCodes.Success : ExitCodes.InternalError;
        });
        return command;
    }

    private static int[] ParseSizes(ArgumentResult result)
    {
        var sizes = new List<int>();
        foreach (var part in result.Tokens.SelectMany(t => t.Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)))
        {
            if (!int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var size) || size < 1 || size > MaxSessions)
            {
                result.AddError(string.Create(CultureInfo.InvariantCulture, $"--sizes: '{part}' is not a size; expected whole numbers from 1 to {MaxSessions} separated by commas, e.g. 10,100,1000"));
                return [];
            }

            sizes.Add(size);
        }

        if (sizes.Count == 0)
        {
            result.AddError("--sizes: expected at least one size, e.g. 10,100,1000");
        }

        return [.. sizes];
    }
}
