namespace Scheduler.Optimizer.Solving;

/// <summary>How the solver may spend its effort.</summary>
public sealed record SolverOptions
{
    /// <summary>The most wall time the solver may take; past it the best safe plan so far is returned. Null means no limit.</summary>
    /// <value>The default is no limit.</value>
    public TimeSpan? TimeLimit { get; init; }

    /// <summary>
    /// Problems with at most this many (session, slot) pairs are also given to an exact MIP solver, warm-started
    /// with the heuristic plan, to prove or improve it. 0 turns the exact stage off.
    /// </summary>
    /// <value>The default is 500 pairs (about ten sessions over a day): on larger sites SCIP took seconds without finding a better plan.</value>
    public int ExactStageMaxPairs { get; init; } = 500;
}
