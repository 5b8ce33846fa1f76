namespace Scheduler.Optimizer.Plans;

/// <summary>How a plan was reached. Every status keeps every limit.</summary>
public enum PlanStatus
{
    /// <summary>Proven optimal: its objective meets the lower bound, or an exact solver proved it.</summary>
    Optimal,

    /// <summary>Keeps every limit; its distance from the optimum is bounded by the reported gap.</summary>
    Feasible,

    /// <summary>The solver failed or ran out of time; a simple safe schedule was made instead.</summary>
    Fallback,
}
