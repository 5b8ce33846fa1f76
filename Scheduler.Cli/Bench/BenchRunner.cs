using System.Diagnostics;
using System.Globalization;
using System.Text;
using Scheduler.Optimizer.Synthetic;

namespace Scheduler.Cli.Bench;

/// <summary>
/// Runs the benchmark: each size in a child process of its own, so that its peak memory is its own, and one after
/// another, so that sizes never compete for the cores.
/// </summary>
internal static class BenchRunner
{
    /// <summary>The hidden command a child runs.</summary>
    public const string ChildCommand = "bench-one";

    /// <summary>How much of a failed child's stderr is shown, in characters.</summary>
    private const int ErrorTailChars = 2_000;

    /// <summary>Measures every size of every profile in turn, each <paramref name="repeat"/> times; a row holds the median run.</summary>
    /// <param name="profiles">What couples the sites' sessions.</param>
    /// <param name="sizes">The numbers of sessions.</param>
    /// <param name="seed">The random seed of the synthetic sites.</param>
    /// <param name="repeat">How many child processes measure each size; the row is the one with the median wall time.</param>
    /// <param name="timeLimit">The solver's wall-time limit; null for none.</param>
    /// <param name="progress">Where a line per finished run goes.</param>
    public static IReadOnlyList<BenchRow> Run(IReadOnlyList<SyntheticProfile> profiles, IReadOnlyList<int> sizes, int seed, int repeat, TimeSpan? timeLimit, TextWriter progress)
    {
        var rows = new List<BenchRow>(profiles.Count * sizes.Count);
        foreach (var profile in profiles)
        {
            foreach (var size in sizes)
            {
                rows.Add(Median(Enumerable.Range(0, repeat).Select(_ => RunOnce(profile, size, seed, timeLimit, progress)).ToList()));
            }
        }

        return rows;
    }

    /// <summary>The run of median wall time, with the median joint-LP time of all runs; the first failure if any run failed.</summary>
    private static BenchRow Median(IReadOnlyList<BenchRow> runs)
    {
        if (runs.FirstOrDefault(r => r.Result is null) is { } failed)
        {
            return failed;
        }

        var ordered = runs.OrderBy(r => r.Result!.WallSeconds).ToList();
        var median = ordered[(ordered.Count - 1) / 2];
        var lp = runs.Select(r => r.Result!.JointLpSeconds).OfType<double>().Order().ToList();
        return median with { Result = median.Result! with { JointLpSeconds = lp.Count == 0 ? null : lp[(lp.Count - 1) / 2] } };
    }

    private static BenchRow RunOnce(SyntheticProfile profile, int size, int seed, TimeSpan? timeLimit, TextWriter progress)
    {
        var name = BenchProfiles.Name(profile);
        progress.WriteLine(string.Create(CultureInfo.InvariantCulture, $"bench: {name}, {size} sessions…"));
        var row = RunChild(profile, size, seed, timeLimit);
        progress.WriteLine(row.Result is { } result
            ? string.Create(CultureInfo.InvariantCulture, $"bench: {name}, {size} sessions: {result.Status}, {result.WallSeconds:0.000} s, {result.PeakMemoryMiB:0} MiB")
            : $"bench: {name}, {size} sessions failed: {row.Error}");
        return row;
    }

    private static BenchRow RunChild(SyntheticProfile profile, int size, int seed, TimeSpan? timeLimit)
    {
        var arguments = new List<string>
        {
            ChildCommand,
            "--profile", BenchProfiles.Name(profile),
            "--size", size.ToString(CultureInfo.InvariantCulture),
            "--seed", seed.ToString(CultureInfo.InvariantCulture),
        };
        if (timeLimit is { } limit)
        {
            arguments.Add("--time-limit");
            arguments.Add(limit.TotalSeconds.ToString("R", CultureInfo.InvariantCulture));
        }

        var stdout = new StringBuilder();
        var stderr = new StringBuilder();
        using var process = new Process { StartInfo = SelfProcess.StartInfo(arguments) };
        process.OutputDataReceived += (_, e) => Append(stdout, e.Data);
        process.ErrorDataReceived += (_, e) => Append(stderr, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        process.WaitForExit();

        BenchResult? result;
        lock (stdout)
        {
            result = stdout.ToString()
                .Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                .Where(line => line.StartsWith('{'))
                .Select(BenchResult.TryParse)
                .LastOrDefault(r => r is not null);
        }

        if (process.ExitCode == ExitCodes.Success && result is not null)
        {
            return new BenchRow(BenchProfiles.Name(profile), size, result, null);
        }

        string errors;
        lock (stderr)
        {
            errors = stderr.ToString().Trim();
        }

        if (errors.Length > ErrorTailChars)
        {
            errors = "…" + errors[^ErrorTailChars..];
        }

        var reason = result is null ? "no result line" : "a result but a failing exit code";
        return new BenchRow(BenchProfiles.Name(profile), size, null, string.Create(CultureInfo.InvariantCulture, $"the child exited with {process.ExitCode} and {reason}. {errors}").Trim());
    }

    private static void Append(StringBuilder buffer, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (buffer)
        {
            buffer.Append(line).Append('\n');
        }
    }
}
