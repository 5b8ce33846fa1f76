namespace Scheduler.Optimizer.Solving.Relaxation;

/// <summary>A solved relaxation, or why there is none.</summary>
/// <param name="Plan">The optimum; null when it was not found.</param>
/// <param name="Failure">Why not, in words; null when solved.</param>
internal sealed record RelaxationOutcome(RelaxedPlan? Plan, string? Failure)
{
    public static RelaxationOutcome Solved(RelaxedPlan plan) => new(plan, null);

    public static RelaxationOutcome Failed(string why) => new(null, why);
}
