using System.Diagnostics;
using System.Globalization;
using System.Text;

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

    /// <summary>Measures every size in turn.</summary>
    /// <param name="sizes">The numbers of sessions.</param>
    /// <param name="seed">The random seed of the synthetic sites.</param>
    /// <param name="timeLimit">The solver's wall-time limit; null for none.</param>
    /// <param name="progress">Where a line per finished size goes.</param>
    public static IReadOnlyList<BenchRow> Run(IReadOnlyList<int> sizes, int seed, TimeSpan? timeLimit, TextWriter progress)
    {
        var rows = new List<BenchRow>(sizes.Count);
        foreach (var size in sizes)
        {
            progress.WriteLine(string.Create(CultureInfo.InvariantCulture, $"bench: {size} sessions…"));
            var row = RunChild(size, seed, timeLimit);
            progress.WriteLine(row.Result is { } result
                ? string.Create(CultureInfo.InvariantCulture, $"bench: {size} sessions: {result.Status}, {result.WallSeconds:0.000} s, {result.PeakMemoryMiB:0} MiB")
                : $"bench: {size} sessions failed: {row.Error}");
            rows.Add(row);
        }

        return rows;
    }

    private static BenchRow RunChild(int size, int seed, TimeSpan? timeLimit)
    {
        var arguments = new List<string>
        {
            ChildCommand,
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
            return new BenchRow(size, result, null);
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
        return new BenchRow(size, null, string.Create(CultureInfo.InvariantCulture, $"the child exited with {process.ExitCode} and {reason}. {errors}").Trim());
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
