using System.CommandLine;
using Scheduler.Cli.Bench;
using Scheduler.Optimizer.Synthetic;

namespace Scheduler.Cli.Commands;

/// <summary>
/// <c>scheduler bench-one --size n [--profile loose] [--seed s] [--time-limit seconds]</c>: hidden; one measurement of
/// <c>bench</c>, run in a child process, printed as one JSON line.
/// </summary>
internal static class BenchOneCommand
{
    /// <summary>Creates the command.</summary>
    /// <param name="output">Where the JSON line goes.</param>
    public static Command Create(CliOutput output)
    {
        var size = new Option<int>("--size")
        {
            Description = "The number of sessions.",
            Required = true,
        };
        size.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() < 1)
            {
                result.AddError("--size must be at least 1");
            }
        });
        var seed = new Option<int>("--seed")
        {
            Description = "The random seed.",
            DefaultValueFactory = _ => 1,
        };
        var profile = new Option<string>("--profile")
        {
            Description = "What couples the site's sessions: loose, binding, demand or both.",
            DefaultValueFactory = _ => BenchProfiles.Name(SyntheticProfile.Loose),
        };
        profile.Validators.Add(result =>
        {
            if (BenchProfiles.Parse(result.GetValueOrDefault<string>() ?? string.Empty) is null)
            {
                result.AddError("--profile: expected loose, binding, demand or both");
            }
        });
        var timeLimit = CommonOptions.TimeLimit();
        var command = new Command(BenchRunner.ChildCommand, "Measures one size of the benchmark and prints it as a JSON line.")
        {
            size,
            profile,
            seed,
            timeLimit,
        };
        command.Hidden = true;
        command.SetAction(parseResult =>
        {
            var result = BenchMeasurement.Measure(
                parseResult.GetValue(size),
                parseResult.GetValue(seed),
                BenchProfiles.Parse(parseResult.GetValue(profile) ?? string.Empty) ?? SyntheticProfile.Loose,
                CommonOptions.ToTimeSpan(parseResult.GetValue(timeLimit)));
            output.Out.WriteLine(result.ToJsonLine());
            output.Out.Flush();
            return ExitCodes.Success;
        });
        return command;
    }
}
