namespace Scheduler.Optimizer.Solving.Grid;

/// <summary>A circuit on the slot grid: its per-phase limit and, per phase, the sessions whose current it carries.</summary>
/// <param name="Id">The circuit's id.</param>
/// <param name="LimitA">The limit per phase, in amps.</param>
/// <param name="SessionsOnPhase">For L1, L2 and L3: the indices of the sessions below it that load that phase.</param>
internal sealed record CircuitNode(string Id, double LimitA, int[][] SessionsOnPhase);
