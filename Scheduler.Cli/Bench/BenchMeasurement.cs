using System.Diagnostics;
using Scheduler.Optimizer.Model;
using Scheduler.Optimizer.Plans;
using Scheduler.Optimizer.Solving;
using Scheduler.Optimizer.Synthetic;

namespace Scheduler.Cli.Bench;

/// <summary>What one benchmark child process does: build the synthetic site, warm up, time one solve, then one joint LP.</summary>
internal static class BenchMeasurement
{
    /// <summary>The size of the warm-up site.</summary>
    private const int WarmUpSessions = 3;

    /// <summary>Measures one size of one profile.</summary>
    /// <param name="sessions">The number of sessions of the synthetic site.</param>
    /// <param name="seed">Its random seed.</param>
    /// <param name="profile">What couples its sessions.</param>
    /// <param name="timeLimit">The solver's wall-time limit; null for none.</param>
    public static BenchResult Measure(int sessions, int seed, SyntheticProfile profile, TimeSpan? timeLimit)
    {
        var options = new SolverOptions { TimeLimit = timeLimit };

        // The first solve loads OR-Tools' native library and compiles the solver; the benchmark times what follows.
        ChargingSolver.Solve(SyntheticSite.Create(WarmUpSessions, seed, profile), options);

        var problem = SyntheticSite.Create(sessions, seed, profile);
        var stopwatch = Stopwatch.StartNew();
        var plan = ChargingSolver.Solve(problem, options);
        stopwatch.Stop();

        using var process = Process.GetCurrentProcess();
        process.Refresh();
        var peakMiB = process.PeakWorkingSet64 / (1024.0 * 1024.0);
        var reference = ChargingSolver.SolveRelaxation(problem);
        return new BenchResult(
            BenchProfiles.Name(profile),
            sessions,
            problem.Window.SlotCount,
            seed,
            plan.Status.ToString(),
            stopwatch.Elapsed.TotalSeconds,
            reference.Solved ? reference.SolveMs / 1000.0 : null,
            peakMiB,
            plan.Currency,
            plan.Cost,
            plan.Objective,
            plan.LowerBound,
            plan.GapPct,
            plan.Baseline.Cost,
            plan.ShortfallKwh,
            ShortSessions(problem, plan, reference));
    }

    /// <summary>Sessions the plan leaves short by more than one amp-slot beyond what the relaxation could not deliver either.</summary>
    private static int ShortSessions(PlanningProblem problem, Plan plan, RelaxationResult reference)
    {
        if (!reference.Solved)
        {
            return 0;
        }

        var slotHours = problem.Window.SlotLength.TotalHours;
        var count = 0;
        for (var i = 0; i < problem.Sessions.Count; i++)
        {
            var oneAmpSlotKwh = problem.Site.VoltageV * plan.Sessions[i].Phases * slotHours / 1000;
            if (reference.DeliveredKwh[i] - plan.Sessions[i].DeliveredKwh > oneAmpSlotKwh + 1e-6)
            {
                count++;
            }
        }

        return count;
    }
}
