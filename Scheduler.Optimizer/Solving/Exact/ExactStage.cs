using Google.OrTools.LinearSolver;
using Scheduler.Optimizer.Solving.Formulation;
using Scheduler.Optimizer.Solving.Grid;
using Scheduler.Optimizer.Solving.Pricing;

namespace Scheduler.Optimizer.Solving.Exact;

/// <summary>
/// The exact planning model as a MIP (SCIP through OR-Tools), built by the same <see cref="PlanningFormulation"/>
/// as the relaxation with whole amps and an on/off switch per current. Warm-started with the heuristic schedule,
/// it stops at a proven relative gap, or a node limit, whichever comes first: a proven gap is the aim, not the
/// last fraction of a percent, and a node limit, unlike wall time, gives the same answer on any machine.
/// </summary>
internal static class ExactStage
{
    /// <summary>The branch-and-bound nodes SCIP may explore.</summary>
    private const int NodeLimit = 20;

    /// <summary>
    /// The rounds of cutting planes at the root; none below it. On the benchmark's ten-vehicle sites each root round
    /// cost about 0.1 s and later rounds barely moved the bound.
    /// </summary>
    private const int RootCutRounds = 5;

    /// <summary>
    /// SCIP's settings beside the limits: no restart after the root, cuts at the root only, branching on pseudo-costs
    /// without strong branching, and a fixed seed. Against SCIP's defaults with 50 nodes, on the ten-vehicle sites of
    /// five benchmark seeds, this took 7.6 s instead of 27 s in all (the slowest 0.85 s instead of 4.4 s) for plans as
    /// good (their objectives summed 241,331 against 241,392).
    /// </summary>
    private static readonly string Settings = string.Join(
        '\n',
        $"limits/nodes = {NodeLimit}",
        "presolving/maxrestarts = 0",
        "separating/maxrounds = 0",
        $"separating/maxroundsroot = {RootCutRounds}",
        "branching/relpscost/maxreliable = 0",
        "randomization/randomseedshift = 0");

    /// <summary>The relative gap at which SCIP stops: below what any report shows.</summary>
    private const double RelativeGap = 1e-4;

    public static ExactOutcome Solve(SlotModel model, ObjectiveTerms terms, Schedule hint, TimeSpan timeLimit)
    {
        using var formulation = PlanningFormulation.Exact(model, terms);
        if (formulation is null)
        {
            return new ExactOutcome(null, null, "SCIP is not available");
        }

        var solver = formulation.Solver;
        var deadline = Deadline.Start(timeLimit);
        if (!formulation.AddEverything(deadline))
        {
            return new ExactOutcome(null, null, "no time was left to build the model");
        }

        solver.SetTimeLimit((long)Math.Max(1, (deadline.Remaining ?? timeLimit).TotalMilliseconds));
        solver.SetNumThreads(1);
        solver.SetSolverSpecificParametersAsString(Settings);
        Hint(model, formulation, hint);
        var parameters = new MPSolverParameters();
        parameters.SetDoubleParam(MPSolverParameters.DoubleParam.RELATIVE_MIP_GAP, RelativeGap);
        var status = solver.Solve(parameters);
        if (status is not (Solver.ResultStatus.OPTIMAL or Solver.ResultStatus.FEASIBLE))
        {
            return new ExactOutcome(null, null, status.ToString());
        }

        var bound = solver.Objective().BestBound() - (ObjectiveTerms.MaxTieBreakPerKwh * formulation.TotalRequestedKwh);
        return new ExactOutcome(Read(model, formulation), double.IsFinite(bound) ? bound : null, status.ToString());
    }

    /// <summary>Gives SCIP the heuristic schedule as its first solution: currents, switches, shortfall and excess.</summary>
    private static void Hint(SlotModel model, PlanningFormulation formulation, Schedule hint)
    {
        var variables = new List<Variable>();
        var values = new List<double>();
        foreach (var s in model.Sessions)
        {
            for (var j = 0; j < s.Length; j++)
            {
                variables.Add(formulation.Current(s.Index, j)!);
                values.Add(hint.Currents[s.Index][j]);
            }

            var shortKwh = Math.Max(0, hint.MissingKwh(s.Index));
            var shortfall = formulation.Shortfall(s.Index);
            var sizes = formulation.SegmentSizes(s.Index);
            for (var m = 0; m < shortfall.Count; m++)
            {
                variables.Add(shortfall[m]);
                values.Add(Math.Clamp(shortKwh, 0, sizes[m]));
                shortKwh -= sizes[m];
            }
        }

        foreach (var (i, j, on) in formulation.Switches)
        {
            variables.Add(on);
            values.Add(hint.Currents[i][j] > 0 ? 1 : 0);
        }

        var peaks = hint.DemandPeaksKw();
        for (var d = 0; d < formulation.Excess.Count; d++)
        {
            variables.Add(formulation.Excess[d]);
            values.Add(peaks[d] - model.DemandTerms[d].PeakSoFarKw);
        }

        formulation.Solver.SetHint([.. variables], [.. values]);
    }

    private static Schedule Read(SlotModel model, PlanningFormulation formulation)
    {
        var schedule = new Schedule(model);
        foreach (var s in model.Sessions)
        {
            for (var j = 0; j < s.Length; j++)
            {
                var amps = (int)Math.Round(formulation.Current(s.Index, j)!.SolutionValue());
                schedule.Set(s.Index, j, amps >= s.MinA ? Math.Min(amps, s.MaxA) : 0);
            }
        }

        return schedule;
    }
}
