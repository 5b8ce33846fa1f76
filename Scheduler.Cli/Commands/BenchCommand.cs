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

/// <summary>
/// <c>scheduler bench [--profiles loose,binding,demand,both] [--sizes 100,1000,5000] [--repeat 3] [--seed 1] [--time-limit seconds]</c>:
/// the performance benchmark.
/// </summary>
internal static class BenchCommand
{
    /// <summary>The largest size the option reads; <see cref="PlanningLimits"/> then bounds each site as it bounds any plan.</summary>
    private const int MaxSessions = InputLimits.MaxSessions;

    /// <summary>The most runs of one size.</summary>
    private const int MaxRepeat = 25;

    /// <summary>Creates the command.</summary>
    /// <param name="output">Where it prints: the tables to stdout, progress to stderr.</param>
    public static Command Create(CliOutput output)
    {
        var sizes = new Option<int[]>("--sizes")
        {
            Description = "The numbers of sessions to measure, separated by commas.",
            HelpName = "n,n,…",
            DefaultValueFactory = _ => [100, 1000, 5000],
            CustomParser = ParseSizes,
        };
        var profiles = new Option<SyntheticProfile[]>("--profiles")
        {
            Description = "What couples the sites' sessions, separated by commas: loose (a 35 % grid connection), binding (10 %), demand (TOU-8 D-shaped demand charges), both.",
            HelpName = "profile,…",
            DefaultValueFactory = _ => [.. BenchProfiles.All],
            CustomParser = ParseProfiles,
        };
        var repeat = new Option<int>("--repeat")
        {
            Description = "How many runs of each size, each in its own process; the table shows the median.",
            DefaultValueFactory = _ => 3,
        };
        repeat.Validators.Add(result =>
        {
            var value = result.GetValueOrDefault<int>();
            if (value < 1 || value > MaxRepeat)
            {
                result.AddError(string.Create(CultureInfo.InvariantCulture, $"--repeat: {value} is not a number of runs; expected 1 to {MaxRepeat}"));
            }
        });
        var seed = new Option<int>("--seed")
        {
            Description = "The random seed of the synthetic sites.",
            DefaultValueFactory = _ => 1,
        };
        var timeLimit = CommonOptions.TimeLimit();
        var command = new Command(
            "bench",
            "Plans seeded synthetic depots of each profile and size (24 h of 15-min slots), each in a child process of its own, one after another, and prints the median run's wall time against one joint LP solve, peak memory, cost and gap.")
        {
            profiles,
            sizes,
            repeat,
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

            var repeatValue = parseResult.GetValue(repeat);
            var rows = BenchRunner.Run(
                parseResult.GetRequiredValue(profiles),
                parseResult.GetRequiredValue(sizes),
                seedValue,
                repeatValue,
                CommonOptions.ToTimeSpan(parseResult.GetValue(timeLimit)),
                output.Error);

            var console = CliConsole.Create(output.Out);
            console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"Synthetic depots, seed {seedValue}; median of {repeatValue} run(s); wall = the solve alone, after a warm-up solve; joint LP = one GLOP solve of the whole relaxation; {BenchReport.Machine()}."));
            console.Write(BenchReport.Table(rows));
            console.WriteLine();
            output.Out.Write(BenchReport.Markdown(rows));
            output.Out.Flush();
            return rows.All(r => r.Result is not null) ? ExitCodes.Success : ExitCodes.InternalError;
        });
        return command;
    }

    private static SyntheticProfile[] ParseProfiles(ArgumentResult result)
    {
        var profiles = new List<SyntheticProfile>();
        foreach (var part in result.Tokens.SelectMany(t => t.Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)))
        {
            if (BenchProfiles.Parse(part) is not { } profile)
            {
                result.AddError($"--profiles: '{part}' is not a profile; expected loose, binding, demand or both, separated by commas");
                return [];
            }

            profiles.Add(profile);
        }

        if (profiles.Count == 0)
        {
            result.AddError("--profiles: expected at least one of loose, binding, demand, both");
        }

        return [.. profiles];
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
