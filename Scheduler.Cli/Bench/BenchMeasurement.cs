using System.Diagnostics;
using Scheduler.Optimizer.Solving;
using Scheduler.Optimizer.Synthetic;

namespace Scheduler.Cli.Bench;

/// <summary>What one benchmark child process does: build the synthetic site, warm up, time one solve.</summary>
internal static class BenchMeasurement
{
    /// <summary>The size of the warm-up site.</summary>
    private const int WarmUpSessions = 3;

    /// <summary>Measures one size.</summary>
    /// <param name="sessions">The number of sessions of the synthetic site.</param>
    /// <param name="seed">Its random seed.</param>
    /// <param name="timeLimit">The solver's wall-time limit; null for none.</param>
    public static BenchResult Measure(int sessions, int seed, TimeSpan? timeLimit)
    {
        var options = new SolverOptions { TimeLimit = timeLimit };

        // The first solve loads OR-Tools' native library and compiles the solver; the benchmark times what follows.
        ChargingSolver.Solve(SyntheticSite.Create(WarmUpSessions, seed), options);

        var problem = SyntheticSite.Create(sessions, seed);
        var stopwatch = Stopwatch.StartNew();
        var plan = ChargingSolver.Solve(problem, options);
        stopwatch.Stop();

        using var process = Process.GetCurrentProcess();
        process.Refresh();
        return new BenchResult(
            sessions,
            problem.Window.SlotCount,
            seed,
            plan.Status.ToString(),
            stopwatch.Elapsed.TotalSeconds,
            process.PeakWorkingSet64 / (1024.0 * 1024.0),
            plan.Currency,
            plan.Cost,
            plan.Objective,
            plan.LowerBound,
            plan.GapPct,
            plan.Baseline.Cost,
            plan.ShortfallKwh);
    }
}
