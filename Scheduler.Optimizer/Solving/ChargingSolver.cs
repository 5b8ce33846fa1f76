using Scheduler.Optimizer.Model;
using Scheduler.Optimizer.Plans;
using Scheduler.Optimizer.Solving.Assembly;
using Scheduler.Optimizer.Solving.Baseline;
using Scheduler.Optimizer.Solving.Exact;
using Scheduler.Optimizer.Solving.Grid;
using Scheduler.Optimizer.Solving.Pricing;
using Scheduler.Optimizer.Solving.Relaxation;
using Scheduler.Optimizer.Solving.Repair;

namespace Scheduler.Optimizer.Solving;

/// <summary>
/// Plans one site: the entry point of the optimizer. The continuous relaxation (GLOP) gives the lower bound and a
/// nearly integral starting point; a repair makes it whole amps within every limit and the demand peaks the
/// relaxation needed; small problems then go to an exact MIP warm-started with that. Whatever happens, the answer
/// keeps every limit, and it comes back within the time limit (see <see cref="SolverOptions.TimeLimit"/>).
/// </summary>
public static class ChargingSolver
{
    /// <summary>The share of the time left that the relaxation may take; the rest is for the repair and the fallback.</summary>
    private const double RelaxationShare = 0.7;

    /// <summary>The share of the time left that the exact stage may take.</summary>
    private const double ExactShare = 0.8;

    /// <summary>
    /// The wall time the exact stage may take at most. Its node limit normally ends it long before; this cap only
    /// guards against a pathological case, since a wall-clock cut would make the answer depend on the machine's load.
    /// </summary>
    private static readonly TimeSpan MaxExactTime = TimeSpan.FromSeconds(10);

    /// <summary>The exact stage is not started with less time than this left.</summary>
    private static readonly TimeSpan MinExactTime = TimeSpan.FromMilliseconds(50);

    /// <summary>Plans every session of the problem. Never throws for a valid problem; the plan always keeps every limit.</summary>
    /// <param name="problem">The site, tariff, signals, sessions and window.</param>
    /// <param name="options">Time limit and effort; the defaults when null.</param>
    /// <exception cref="ArgumentException">The problem is invalid (see <see cref="ProblemValidator"/>).</exception>
    public static Plan Solve(PlanningProblem problem, SolverOptions? options = null)
    {
        ProblemValidator.ThrowIfInvalid(problem);
        options ??= new SolverOptions();
        var deadline = Deadline.Start(options.TimeLimit);
        var model = SlotModel.Build(problem);
        var terms = new ObjectiveTerms(model);
        var baseline = UncontrolledBaseline.Compute(model);
        var outcome = Plan(model, terms, options, deadline);

        // Whatever produced it, the schedule is checked once more against every limit and request before it leaves.
        LimitGuard.Enforce(outcome.Schedule);
        RequestTrim.Apply(outcome.Schedule);
        var status = outcome.FallbackReason is not null ? PlanStatus.Fallback
            : Closed(PlanAssembler.Objective(outcome.Schedule, terms), outcome.LowerBound) ? PlanStatus.Optimal
            : PlanStatus.Feasible;
        return PlanAssembler.Assemble(outcome.Schedule, terms, status, outcome.FallbackReason, outcome.LowerBound, baseline, (long)deadline.Elapsed.TotalMilliseconds);
    }

    /// <summary>
    /// Solves the continuous relaxation alone, as one joint LP: the reference a benchmark measures the whole solve
    /// against, and an independent view of what the limits allow each session.
    /// </summary>
    /// <param name="problem">The site, tariff, signals, sessions and window.</param>
    /// <param name="timeLimit">The most wall time the LP may take; null for none.</param>
    /// <exception cref="ArgumentException">The problem is invalid (see <see cref="ProblemValidator"/>).</exception>
    public static RelaxationResult SolveRelaxation(PlanningProblem problem, TimeSpan? timeLimit = null)
    {
        ProblemValidator.ThrowIfInvalid(problem);
        var deadline = Deadline.Start(timeLimit);
        var model = SlotModel.Build(problem);
        var outcome = RelaxationSolver.Solve(model, new ObjectiveTerms(model), deadline, decompose: false);
        var elapsed = (long)deadline.Elapsed.TotalMilliseconds;
        if (outcome.Plan is not { } relaxed)
        {
            return new RelaxationResult(false, null, [], elapsed, outcome.Failure);
        }

        var delivered = model.Sessions
            .Select(s => Enumerable.Range(0, s.Length).Sum(j => relaxed.Currents[s.Index][j] * s.KwhPerAmp[j]))
            .ToArray();
        return new RelaxationResult(true, relaxed.LowerBound, delivered, elapsed, null);
    }

    private static SolveOutcome Plan(SlotModel model, ObjectiveTerms terms, SolverOptions options, Deadline deadline)
    {
        var relaxation = RelaxationSolver.Solve(model, terms, deadline.Share(RelaxationShare), dive: true);
        if (relaxation.Plan is not { } relaxed)
        {
            return new SolveOutcome(RepairPipeline.Fallback(model, terms, deadline), null, relaxation.Failure);
        }

        var schedule = Repaired(model, terms, relaxed, deadline);
        var bound = relaxed.LowerBound;
        if (!Closed(PlanAssembler.Objective(schedule, terms), bound) && model.PairCount <= options.ExactStageMaxPairs)
        {
            (schedule, bound) = TryExact(model, terms, schedule, bound, deadline);
        }

        return new SolveOutcome(schedule, bound, null);
    }

    /// <summary>The relaxation repaired to whole amps; where it was also dived, whichever repair has the lowest objective (the first on a tie).</summary>
    private static Schedule Repaired(SlotModel model, ObjectiveTerms terms, RelaxedPlan relaxed, Deadline deadline)
    {
        var best = RepairPipeline.FromRelaxation(model, terms, relaxed, deadline);
        foreach (var dived in relaxed.Dived.TakeWhile(_ => !deadline.Expired))
        {
            var other = RepairPipeline.FromRelaxation(model, terms, dived, deadline);
            best = PlanAssembler.Objective(other, terms) < PlanAssembler.Objective(best, terms) - Tolerance.Money ? other : best;
        }

        return best;
    }

    /// <summary>The exact MIP, warm-started with the repair; its schedule where it is better, and its bound where it is higher.</summary>
    private static (Schedule Schedule, double Bound) TryExact(SlotModel model, ObjectiveTerms terms, Schedule heuristic, double bound, Deadline deadline)
    {
        var budget = deadline.Budget(ExactShare, MaxExactTime) ?? MaxExactTime;
        if (budget < MinExactTime)
        {
            return (heuristic, bound);
        }

        var exact = ExactStage.Solve(model, terms, heuristic, budget);
        var best = heuristic;
        if (exact.Schedule is { } candidate)
        {
            LimitGuard.Enforce(candidate);
            RequestTrim.Apply(candidate);
            RepairPipeline.TopUp(candidate, terms, deadline);
            if (PlanAssembler.Objective(candidate, terms) < PlanAssembler.Objective(heuristic, terms) - Tolerance.Money)
            {
                best = candidate;
            }
        }

        return (best, exact.BestBound is { } proven ? Math.Max(bound, Math.Min(proven, PlanAssembler.Objective(best, terms))) : bound);
    }

    /// <summary>Whether the objective meets the bound within <see cref="Tolerance.OptimalGap"/>.</summary>
    private static bool Closed(double objective, double? lowerBound) =>
        lowerBound is { } bound && objective - bound <= Tolerance.OptimalGap * Math.Max(1, Math.Abs(bound));

    /// <summary>What the planning produced: the schedule, the best lower bound, and why it is a fallback if it is.</summary>
    private sealed record SolveOutcome(Schedule Schedule, double? LowerBound, string? FallbackReason);
}
