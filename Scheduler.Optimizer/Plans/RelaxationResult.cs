namespace Scheduler.Optimizer.Plans;

/// <summary>The continuous relaxation of a planning problem solved on its own: its optimum and what it delivers.</summary>
/// <param name="Solved">Whether an optimum was found.</param>
/// <param name="LowerBound">The optimum in the terms of the plan's objective (cost plus shortfall penalty); null when not solved.</param>
/// <param name="DeliveredKwh">Per session, in the problem's order, the energy the relaxed plan delivers; empty when not solved.</param>
/// <param name="SolveMs">The wall time of the solve, in milliseconds.</param>
/// <param name="Message">Why it was not solved; null when it was.</param>
public sealed record RelaxationResult(bool Solved, double? LowerBound, IReadOnlyList<double> DeliveredKwh, long SolveMs, string? Message);
