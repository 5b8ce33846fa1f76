using System.Diagnostics;
using Scheduler.Optimizer.Model;
using Scheduler.Optimizer.Plans;

namespace Scheduler.Optimizer.Solving;

/// <summary>
/// Plans one site: the entry point of the optimizer. The continuous relaxation (GLOP) gives the lower bound and
/// a nearly integral starting point; a repair makes it whole amps within every limit; small problems then go to
/// an exact MIP warm-started with that. Whatever happens, the answer keeps every limit.
/// </summary>
public static class ChargingSolver
{
    /// <summary>
    /// The wall time the exact stage may take when the caller sets no limit. Its node limit normally ends it long
    /// before (about a second); this cap only guards against a pathological case, since a wall-clock cut would make
    /// the answer depend on the machine's load.
    /// </summary>
    private static readonly TimeSpan DefaultExactTime = TimeSpan.FromSeconds(30);

    /// <summary>Plans every session of the problem. Never throws for a valid problem; the plan always keeps every limit.</summary>
    /// <param name="problem">The site, tariff, signals, sessions and window.</param>
    /// <param name="options">Time limit and effort; the defaults when null.</param>
    /// <exception cref="ArgumentException">The problem is invalid (see <see cref="ProblemValidator"/>).</exception>
    public static Plan Solve(PlanningProblem problem, SolverOptions? options = null)
    {
        ProblemValidator.ThrowIfInvalid(problem);
        options ??= new SolverOptions();
        var stopwatch = Stopwatch.StartNew();
        var model = SlotModel.Build(problem);
        var terms = new ObjectiveTerms(model);
        var baseline = UncontrolledBaseline.Compute(model);

        Schedule schedule;
        PlanStatus status;
        string? fallbackReason = null;
        double? lowerBound = null;
        var relaxation = TrySolveRelaxation(model, terms, Remaining(options, stopwatch), options.DecompositionMinPairs, out var failure);
        if (relaxation is null)
        {
            schedule = Fallback(model, terms);
            status = PlanStatus.Fallback;
            fallbackReason = failure;
        }
        else
        {
            lowerBound = relaxation.LowerBound;
            schedule = Repair(model, terms, relaxation);
            status = MeetsBound(PlanAssembler.Objective(schedule, terms), relaxation.LowerBound) ? PlanStatus.Optimal : PlanStatus.Feasible;
            if (status == PlanStatus.Feasible && model.PairCount <= options.ExactStageMaxPairs)
            {
                (schedule, status) = TryExact(model, terms, schedule, options, stopwatch);
            }
        }

        // Whatever produced it, the schedule is checked once more against every limit before it leaves.
        IntegerRepair.EnforceLimits(schedule);
        IntegerRepair.TrimToRequest(schedule);
        return PlanAssembler.Assemble(schedule, terms, status, fallbackReason, lowerBound, baseline, stopwatch.ElapsedMilliseconds);
    }

    private static LpRelaxation.Result? TrySolveRelaxation(SlotModel model, ObjectiveTerms terms, TimeSpan? timeLimit, int decompositionMinPairs, out string? failure)
    {
        if (timeLimit is { } limit && limit <= TimeSpan.Zero)
        {
            failure = "no time was left for the relaxation";
            return null;
        }

        try
        {
            var result = LpRelaxation.Solve(model, terms, timeLimit, decompositionMinPairs);
            failure = result.Message;
            return result.Solved ? result : null;
        }
        catch (Exception ex) when (ex is ApplicationException or InvalidOperationException or OutOfMemoryException)
        {
            failure = $"the relaxation failed: {ex.Message}";
            return null;
        }
    }

    /// <summary>From the relaxation to whole amps within every limit, then cheaper where it can be.</summary>
    private static Schedule Repair(SlotModel model, ObjectiveTerms terms, LpRelaxation.Result relaxation)
    {
        var schedule = IntegerRepair.RoundDown(model, relaxation.Currents);
        var order = ByMissingShare(schedule);
        var demandCharged = model.HasDemandCharges;
        if (demandCharged)
        {
            // First keep the peaks where the relaxation put them; only what cannot fit under them may raise them.
            var peaks = schedule.DemandPeaksKw().Zip(relaxation.DemandPeakKw, Math.Max).ToArray();
            IntegerRepair.Fill(schedule, order, schedule.PeakCapsKw(peaks), terms);
        }

        IntegerRepair.Fill(schedule, order, null, terms);
        IntegerRepair.MoveToCheaperSlots(schedule, terms, protectPeak: demandCharged);
        IntegerRepair.Fill(schedule, ByMissingShare(schedule), demandCharged ? schedule.PeakCapsKw(schedule.DemandPeaksKw()) : null, terms);
        return schedule;
    }

    /// <summary>The safe schedule when there is no relaxation: earliest departure first, each in its cheapest slots.</summary>
    private static Schedule Fallback(SlotModel model, ObjectiveTerms terms)
    {
        var schedule = new Schedule(model);
        var order = Enumerable.Range(0, model.Sessions.Length)
            .OrderBy(i => model.Problem.Sessions[i].Departure)
            .ThenBy(i => i)
            .ToArray();
        IntegerRepair.Fill(schedule, order, null, terms);
        IntegerRepair.MoveToCheaperSlots(schedule, terms, protectPeak: model.HasDemandCharges);
        return schedule;
    }

    private static (Schedule Schedule, PlanStatus Status) TryExact(SlotModel model, ObjectiveTerms terms, Schedule heuristic, SolverOptions options, Stopwatch stopwatch)
    {
        var remaining = Remaining(options, stopwatch);
        var budget = remaining is { } r ? (r < DefaultExactTime ? r : DefaultExactTime) : DefaultExactTime;
        if (budget <= TimeSpan.FromMilliseconds(50))
        {
            return (heuristic, PlanStatus.Feasible);
        }

        var exact = ExactStage.Solve(model, terms, heuristic, budget);
        if (exact.Schedule is not { } candidate)
        {
            return (heuristic, PlanStatus.Feasible);
        }

        IntegerRepair.EnforceLimits(candidate);
        IntegerRepair.TrimToRequest(candidate);
        var better = PlanAssembler.Objective(candidate, terms) <= PlanAssembler.Objective(heuristic, terms) + 1e-9;
        var chosen = better ? candidate : heuristic;
        return (chosen, better && exact.ProvenOptimal ? PlanStatus.Optimal : PlanStatus.Feasible);
    }

    private static int[] ByMissingShare(Schedule schedule)
    {
        var sessions = schedule.Model.Sessions;
        return Enumerable.Range(0, sessions.Length)
            .OrderByDescending(i => sessions[i].TargetKwh <= 0 ? 0 : (sessions[i].TargetKwh - schedule.EnergyKwh(i)) / sessions[i].TargetKwh)
            .ThenBy(i => i)
            .ToArray();
    }

    private static bool MeetsBound(double objective, double lowerBound) =>
        objective - lowerBound <= 1e-6 * Math.Max(1, Math.Abs(lowerBound));

    private static TimeSpan? Remaining(SolverOptions options, Stopwatch stopwatch) =>
        options.TimeLimit is { } limit ? limit - stopwatch.Elapsed : null;
}
