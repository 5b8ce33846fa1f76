using Scheduler.Optimizer.Model;
using Scheduler.Optimizer.Plans;

namespace Scheduler.Optimizer.Solving;

/// <summary>Plans one site: the entry point of the optimizer.</summary>
public static class ChargingSolver
{
    /// <summary>Plans every session of the problem. Never throws for a valid problem; the plan always keeps every limit.</summary>
    /// <exception cref="ArgumentException">The problem is invalid (see <see cref="ProblemValidator"/>).</exception>
    public static Plan Solve(PlanningProblem problem, SolverOptions? options = null)
    {
        ProblemValidator.ThrowIfInvalid(problem);
        throw new NotImplementedException();
    }
}
