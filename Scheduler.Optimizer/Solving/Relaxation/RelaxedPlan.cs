namespace Scheduler.Optimizer.Solving.Relaxation;

/// <summary>The optimum of the continuous relaxation: fractional currents, and what they bound.</summary>
/// <param name="Currents">Per session, the fractional current in each of its covered slots.</param>
/// <param name="LowerBound">The optimum less the most the tie-break could have added: no plan's objective is lower.</param>
/// <param name="DemandPeakKw">Per demand term, the peak the relaxed plan is billed at (at least the recorded peak).</param>
/// <param name="LpSolves">How many LPs it took: 1 jointly, or one per block where the site was solved circuit by circuit.</param>
internal sealed record RelaxedPlan(double[][] Currents, double LowerBound, double[] DemandPeakKw, int LpSolves)
{
    /// <summary>The same relaxation dived toward minimum currents (see <see cref="MinimumCurrentDive"/>): further starts for the repair; empty where it was not dived.</summary>
    public IReadOnlyList<RelaxedPlan> Dived { get; init; } = [];
}
