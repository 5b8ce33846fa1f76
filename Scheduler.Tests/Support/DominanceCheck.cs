using Google.OrTools.LinearSolver;
using Scheduler.Optimizer.Model;
using Scheduler.Optimizer.Plans;

namespace Scheduler.Tests.Support;

/// <summary>
/// Whether a plan leaves energy on the table: an exact MIP of its own (built on <see cref="ProblemFacts"/>, nothing of
/// the solver's) looks for a valid whole-amp plan that gives every session at least what the plan gives it and more in
/// total, never more than a session asks. Only for small sites: the MIP has a binary and an integer per session and slot.
/// </summary>
/// <remarks>
/// The plan may leave each session up to its rounding allowance short for cost's sake
/// (<see cref="DeliverableEnergy.RoundingAllowanceKwh"/>), so a better plan counts only when it beats the plan by more
/// than those allowances together.
/// </remarks>
public static class DominanceCheck
{
    /// <summary>How long the MIP may search; a small site is proven optimal in far less.</summary>
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(20);

    /// <summary>The energy a better plan delivers beyond <paramref name="plan"/>'s and its allowances, in kWh; 0 when none does.</summary>
    public static double ExcessKwh(PlanningProblem problem, Plan plan)
    {
        var facts = new ProblemFacts(problem);
        var planned = Enumerable.Range(0, problem.Sessions.Count).Select(i => UsefulKwh(facts, plan, i)).ToArray();
        var best = BestTotalKwh(facts, planned);
        var allowance = Enumerable.Range(0, planned.Length)
            .Sum(i => Math.Min(DeliverableEnergy.RoundingAllowanceKwh(facts, i), problem.Sessions[i].EnergyKwh - planned[i]));
        return Math.Max(0, best - planned.Sum() - allowance - PlanChecker.Tolerance);
    }

    /// <summary>What the plan's currents deliver to session i, counted up to its request.</summary>
    private static double UsefulKwh(ProblemFacts facts, Plan plan, int i) =>
        Math.Min(
            facts.Problem.Sessions[i].EnergyKwh,
            Enumerable.Range(0, facts.SlotCount).Sum(k => plan.Sessions[i].SlotCurrentsA[k] * facts.KwhPerAmp(i, k)));

    /// <summary>The most useful energy any valid whole-amp plan delivers while giving each session at least <paramref name="floorKwh"/>.</summary>
    private static double BestTotalKwh(ProblemFacts facts, double[] floorKwh)
    {
        using var solver = Solver.CreateSolver("SCIP") ?? throw new InvalidOperationException("SCIP is not available");
        solver.SetTimeLimit((long)Limit.TotalMilliseconds);
        var amps = Currents(solver, facts);
        var useful = UsefulEnergy(solver, facts, amps, floorKwh);
        AddCircuitRows(solver, facts, amps);
        AddSiteRows(solver, facts, amps);

        var objective = solver.Objective();
        foreach (var y in useful)
        {
            objective.SetCoefficient(y, 1);
        }

        objective.SetMaximization();
        var status = solver.Solve();
        return status is Solver.ResultStatus.OPTIMAL or Solver.ResultStatus.FEASIBLE
            ? objective.Value()
            : throw new InvalidOperationException($"the dominance MIP ended {status}, yet the plan itself is a solution");
    }

    /// <summary>Per session and slot, a whole current that is 0 or between the session's minimum and maximum, and 0 where it is absent.</summary>
    private static Variable[][] Currents(Solver solver, ProblemFacts facts) =>
        Enumerable.Range(0, facts.Problem.Sessions.Count).Select(i => Enumerable.Range(0, facts.SlotCount).Select(k =>
        {
            var minA = Math.Ceiling(facts.MinA(i));
            var maxA = Math.Floor(facts.MaxA(i));
            var usable = facts.IsPresent(i, k) && maxA >= Math.Max(minA, 1);
            var current = solver.MakeIntVar(0, usable ? maxA : 0, $"a_{i}_{k}");
            var on = solver.MakeBoolVar($"on_{i}_{k}");
            solver.Add(current <= maxA * on);
            solver.Add(current >= minA * on);
            return current;
        }).ToArray()).ToArray();

    /// <summary>Per session, its useful energy: what the currents deliver, at least the floor; a valid plan never delivers more than the request.</summary>
    private static Variable[] UsefulEnergy(Solver solver, ProblemFacts facts, Variable[][] amps, double[] floorKwh) =>
        Enumerable.Range(0, amps.Length).Select(i =>
        {
            var y = solver.MakeNumVar(Math.Max(0, floorKwh[i] - PlanChecker.Tolerance), facts.Problem.Sessions[i].EnergyKwh, $"y_{i}");
            var delivered = new LinearExpr();
            for (var k = 0; k < facts.SlotCount; k++)
            {
                delivered += amps[i][k] * facts.KwhPerAmp(i, k);
            }

            solver.Add(y <= delivered);
            solver.Add(delivered <= facts.Problem.Sessions[i].EnergyKwh + PlanChecker.Tolerance);
            return y;
        }).ToArray();

    /// <summary>Every circuit's limit on each phase, in every slot, over the sessions below it that load that phase.</summary>
    private static void AddCircuitRows(Solver solver, ProblemFacts facts, Variable[][] amps)
    {
        foreach (var circuit in facts.Problem.Site.Circuits)
        {
            var below = Enumerable.Range(0, amps.Length)
                .Where(i => facts.CircuitsAbove(facts.ChargerOf(i)).Any(c => c.Id == circuit.Id))
                .ToList();
            foreach (var phase in new[] { Phase.L1, Phase.L2, Phase.L3 })
            {
                var loading = below.Where(i => facts.LoadedPhases(i).Contains(phase)).ToList();
                for (var k = 0; k < facts.SlotCount && loading.Count > 0; k++)
                {
                    var sum = new LinearExpr();
                    foreach (var i in loading)
                    {
                        sum += amps[i][k];
                    }

                    solver.Add(sum <= circuit.MaxCurrentA);
                }
            }
        }
    }

    /// <summary>The site's import limit in every slot: base load plus charging, and no charging where the base load alone exceeds it.</summary>
    private static void AddSiteRows(Solver solver, ProblemFacts facts, Variable[][] amps)
    {
        for (var k = 0; k < facts.SlotCount; k++)
        {
            var charging = new LinearExpr();
            for (var i = 0; i < amps.Length; i++)
            {
                charging += amps[i][k] * facts.PowerKw(i, 1);
            }

            var room = facts.LimitKw(k) - facts.BaseLoadKw(k);
            solver.Add(charging <= Math.Max(0, room));
        }
    }
}
