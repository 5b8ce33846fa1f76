using Google.OrTools.LinearSolver;
using Scheduler.Optimizer.Solving.Formulation;
using Scheduler.Optimizer.Solving.Grid;

namespace Scheduler.Optimizer.Solving.Relaxation;

/// <summary>
/// The relaxation knows no minimum current: to keep a demand peak flat it runs sessions at a few amps, which whole
/// amps must then drop to 0 and find room for again, above the peak. Diving decides those currents in the LP
/// instead: each current below its session's minimum is fixed either to 0 or to at least the minimum (by one of
/// the <see cref="DiveRule"/>s), and the LP is solved again, peaks and all, a few times over; where a re-solve
/// finds no solution (the minimums passed a limit or a request), the last one that did is kept. What comes out is
/// another starting point for the repair, whose peaks already carry the minimum currents; the bound stays the
/// first solve's.
/// </summary>
internal static class MinimumCurrentDive
{
    /// <summary>The most re-solves of a small model: each fixes the currents the last left below their minimum.</summary>
    public const int MaxDives = 4;

    /// <summary>The largest model (session-slot pairs) that dives by every rule, <see cref="MaxDives"/> times; a re-solve there takes about a tenth of a second.</summary>
    public const int MaxPairsForEveryRule = 20_000;

    /// <summary>
    /// The largest model that dives at all. Above <see cref="MaxPairsForEveryRule"/> it dives once, by
    /// <see cref="DiveRule.EachByHalfTheMinimum"/>, in place of the relaxation: on the 1,000-session benchmark sites
    /// (about 48,000 pairs) that re-solve takes about 0.3 s, its start beat the undived one on every site, and the other
    /// rule's re-solves took from 0.5 s to 29 s.
    /// </summary>
    public const int MaxPairs = 100_000;

    /// <summary>
    /// Dives the solved joint relaxation in <paramref name="formulation"/> from its first solution; null where
    /// nothing was below its minimum or the first re-solve found nothing. Every current's bounds are reset first,
    /// so dives by different rules do not add up.
    /// </summary>
    public static (double[][] Currents, double[] DemandPeakKw)? Dive(SlotModel model, PlanningFormulation formulation, RelaxedPlan solved, DiveRule rule, Deadline deadline, int maxDives = MaxDives)
    {
        ResetBounds(model, formulation);
        (double[][] Currents, double[] DemandPeakKw)? dived = null;
        var currents = solved.Currents;
        for (var dive = 0; dive < maxDives && !deadline.Expired; dive++)
        {
            if (Fix(model, formulation, currents, rule) == 0 || formulation.Solver.Solve() != Solver.ResultStatus.OPTIMAL)
            {
                break;
            }

            currents = RelaxationSolver.Currents(model, formulation);
            dived = (currents, RelaxationSolver.Peaks(model, formulation));
        }

        return dived;
    }

    private static void ResetBounds(SlotModel model, PlanningFormulation formulation)
    {
        foreach (var s in model.Sessions)
        {
            for (var j = 0; j < s.Length; j++)
            {
                formulation.Current(s.Index, j)?.SetBounds(0, s.MaxA);
            }
        }
    }

    /// <summary>Fixes every current of the solution below its session's minimum, to 0 or to at least the minimum; returns how many.</summary>
    private static int Fix(SlotModel model, PlanningFormulation formulation, double[][] currents, DiveRule rule)
    {
        var fixedCount = 0;
        foreach (var s in model.Sessions)
        {
            var below = Enumerable.Range(0, s.Length)
                .Where(j => formulation.Current(s.Index, j) is not null && currents[s.Index][j] > Tolerance.LpAmps && currents[s.Index][j] < s.MinA - Tolerance.LpAmps)
                .OrderByDescending(j => currents[s.Index][j])
                .ThenBy(j => j)
                .ToArray();
            var on = rule == DiveRule.ByTheSessionsAmps
                ? (int)Math.Floor((below.Sum(j => currents[s.Index][j] * s.Coverage[j]) / s.MinA) + Tolerance.LpAmps)
                : below.Count(j => currents[s.Index][j] >= s.MinA / 2.0);
            for (var n = 0; n < below.Length; n++)
            {
                var x = formulation.Current(s.Index, below[n])!;
                if (n < on)
                {
                    x.SetLb(s.MinA);
                }
                else
                {
                    x.SetBounds(0, 0);
                }
            }

            fixedCount += below.Length;
        }

        return fixedCount;
    }
}
