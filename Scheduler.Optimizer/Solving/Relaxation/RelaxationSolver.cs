using Google.OrTools.LinearSolver;
using Scheduler.Optimizer.Solving.Formulation;
using Scheduler.Optimizer.Solving.Grid;
using Scheduler.Optimizer.Solving.Pricing;

namespace Scheduler.Optimizer.Solving.Relaxation;

/// <summary>
/// Solves the continuous relaxation with GLOP's dual simplex. Where nothing but the site's import limit couples the
/// top-level circuits (no demand charge), each circuit's sessions are first solved on their own, in parallel: their
/// sum is a lower bound in any case, and where the combined currents keep the site's limit in every slot they are
/// the joint optimum. Otherwise, or where they do not, the joint LP is solved.
/// </summary>
internal static class RelaxationSolver
{
    /// <summary>
    /// GLOP's parameters: no presolve (it cost more than it saved), and the dual simplex with perturbed costs. The
    /// model is massively degenerate in the primal (many sessions compete for the same slots at the same price);
    /// on the benchmark sites the dual simplex took a sixth of the primal simplex's time.
    /// </summary>
    private const string GlopParameters = "use_preprocessing:false, use_dual_simplex:true, perturb_costs_in_dual_simplex:true";

    /// <summary>Sites at least this large (session-slot pairs) try the circuit-by-circuit solve first; below it the joint LP is quick.</summary>
    public const int DecompositionMinPairs = 10_000;

    /// <summary>
    /// The time building and loading the LP takes per session-slot pair before GLOP's own time limit applies, with a
    /// margin (measured: about 4 µs on the 2-core benchmark machine). With less time left than this for the pairs, the
    /// relaxation is not started: the fallback is then sooner and the time limit is kept.
    /// </summary>
    private static readonly TimeSpan SetupPerPair = TimeSpan.FromTicks(100);

    /// <summary>How many times the asked energy the site's import limit must let in for the circuit-by-circuit solve to be tried.</summary>
    private const double BlockRoomFactor = 3;

    /// <summary>Solves the relaxation within the deadline.</summary>
    /// <param name="model">The problem on its slot grid.</param>
    /// <param name="terms">The objective's penalty and tie-break.</param>
    /// <param name="deadline">The solve's time budget.</param>
    /// <param name="decompose">Whether the circuit-by-circuit solve may be tried first.</param>
    /// <param name="dive">Whether a joint model with demand charges of at most <see cref="MinimumCurrentDive.MaxPairs"/> is also dived toward minimum currents (see <see cref="MinimumCurrentDive"/>).</param>
    public static RelaxationOutcome Solve(SlotModel model, ObjectiveTerms terms, Deadline deadline, bool decompose = true, bool dive = false)
    {
        if (deadline.Expired || deadline.Remaining < SetupPerPair * model.PairCount)
        {
            return RelaxationOutcome.Failed("no time was left for the relaxation");
        }

        if (decompose && !model.HasDemandCharges && model.PairCount >= DecompositionMinPairs && RoomyForBlocks(model)
            && Blocks(model) is { Count: >= 2 } blocks && SolveBlocks(model, terms, deadline, blocks) is { } decomposed)
        {
            return RelaxationOutcome.Solved(decomposed);
        }

        return SolveOne(model, terms, deadline, include: null, dive) is { } joint
            ? RelaxationOutcome.Solved(joint.Plan!)
            : RelaxationOutcome.Failed("the relaxation could not be solved");
    }

    /// <summary>
    /// Whether the site's import limit leaves so much room that the blocks' solution will likely keep it: the energy
    /// the limit lets in over the window is at least <see cref="BlockRoomFactor"/> times what the sessions ask. Where
    /// it binds, solving the blocks first only adds their time to the joint LP's.
    /// </summary>
    private static bool RoomyForBlocks(SlotModel model) =>
        model.HeadroomKw.Sum() * model.SlotHours >= BlockRoomFactor * model.Sessions.Sum(s => s.TargetKwh);

    /// <summary>The sessions under each top-level circuit (and those under none, together), in a fixed order.</summary>
    private static List<bool[]> Blocks(SlotModel model) =>
        model.Sessions
            .Where(s => s.Length > 0)
            .GroupBy(s => s.CircuitChain.Length > 0 ? s.CircuitChain[^1] : -1)
            .OrderBy(g => g.Key)
            .Select(g =>
            {
                var include = new bool[model.Sessions.Length];
                foreach (var s in g)
                {
                    include[s.Index] = true;
                }

                return include;
            })
            .ToList();

    /// <summary>The blocks' relaxations combined, or null where one failed or together they break the site's limit.</summary>
    private static RelaxedPlan? SolveBlocks(SlotModel model, ObjectiveTerms terms, Deadline deadline, List<bool[]> blocks)
    {
        var results = new RelaxationOutcome?[blocks.Count];
        Parallel.For(0, blocks.Count, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, b =>
            results[b] = SolveOne(model, terms, deadline, blocks[b], dive: false));
        if (results.Any(r => r?.Plan is null))
        {
            return null;
        }

        var currents = model.Sessions.Select(s => new double[s.Length]).ToArray();
        for (var b = 0; b < blocks.Count; b++)
        {
            for (var i = 0; i < currents.Length; i++)
            {
                if (blocks[b][i])
                {
                    currents[i] = results[b]!.Plan!.Currents[i];
                }
            }
        }

        // The combined currents answer the joint relaxation only if they keep the site's import limit.
        var loads = Loads.Of(model, currents);
        for (var k = 0; k < model.SlotCount; k++)
        {
            if (loads.ChargingKw[k] > model.HeadroomKw[k] + Tolerance.Limit)
            {
                return null;
            }
        }

        return new RelaxedPlan(currents, results.Sum(r => r!.Plan!.LowerBound), [], blocks.Count);
    }

    /// <summary>One LP: the whole site, or one block of it.</summary>
    private static RelaxationOutcome? SolveOne(SlotModel model, ObjectiveTerms terms, Deadline deadline, bool[]? include, bool dive)
    {
        using var formulation = PlanningFormulation.Relaxation(model, terms, include);
        if (!formulation.AddEverything(deadline))
        {
            return null;
        }

        formulation.Solver.SetSolverSpecificParametersAsString(GlopParameters);
        if (deadline.Remaining is { } left)
        {
            if (left <= TimeSpan.Zero)
            {
                return null;
            }

            formulation.Solver.SetTimeLimit((long)Math.Max(1, left.TotalMilliseconds));
        }

        if (formulation.Solver.Solve() != Solver.ResultStatus.OPTIMAL)
        {
            return null;
        }

        var plan = Read(model, formulation);
        if (!dive || !formulation.Joint || !model.HasDemandCharges || model.PairCount > MinimumCurrentDive.MaxPairs)
        {
            return RelaxationOutcome.Solved(plan);
        }

        return RelaxationOutcome.Solved(model.PairCount <= MinimumCurrentDive.MaxPairsForEveryRule
            ? plan with { Dived = Dives(model, formulation, plan, deadline) }
            : DivedOnce(model, formulation, plan, deadline));
    }

    /// <summary>The solved joint relaxation with its currents and peaks dived once (see <see cref="MinimumCurrentDive.MaxPairs"/>); its bound is the first solve's.</summary>
    private static RelaxedPlan DivedOnce(SlotModel model, PlanningFormulation formulation, RelaxedPlan solved, Deadline deadline) =>
        MinimumCurrentDive.Dive(model, formulation, solved, DiveRule.EachByHalfTheMinimum, deadline, maxDives: 1) is { } dived
            ? solved with { Currents = dived.Currents, DemandPeakKw = dived.DemandPeakKw }
            : solved;

    /// <summary>The solution's currents, 0 where a column is not in the model.</summary>
    public static double[][] Currents(SlotModel model, PlanningFormulation formulation)
    {
        var currents = new double[model.Sessions.Length][];
        foreach (var s in model.Sessions)
        {
            currents[s.Index] = new double[s.Length];
            for (var j = 0; j < s.Length; j++)
            {
                currents[s.Index][j] = formulation.Current(s.Index, j) is { } x ? Math.Max(0, x.SolutionValue()) : 0;
            }
        }

        return currents;
    }

    /// <summary>The solved joint relaxation dived by every <see cref="DiveRule"/>, as further starts for the repair.</summary>
    private static RelaxedPlan[] Dives(SlotModel model, PlanningFormulation formulation, RelaxedPlan solved, Deadline deadline) =>
        Enum.GetValues<DiveRule>()
            .Select(rule => MinimumCurrentDive.Dive(model, formulation, solved, rule, deadline))
            .OfType<(double[][] Currents, double[] DemandPeakKw)>()
            .Select(d => new RelaxedPlan(d.Currents, solved.LowerBound, d.DemandPeakKw, solved.LpSolves))
            .ToArray();

    /// <summary>Per demand term, the peak the solution is billed at: its recorded peak plus the excess.</summary>
    public static double[] Peaks(SlotModel model, PlanningFormulation formulation) =>
        formulation.Excess.Select((e, d) => model.DemandTerms[d].PeakSoFarKw + Math.Max(0, e.SolutionValue())).ToArray();

    private static RelaxedPlan Read(SlotModel model, PlanningFormulation formulation)
    {
        var currents = Currents(model, formulation);
        var bound = formulation.Solver.Objective().Value() - (ObjectiveTerms.MaxTieBreakPerKwh * formulation.TotalRequestedKwh);
        return new RelaxedPlan(currents, bound, Peaks(model, formulation), 1);
    }
}
