namespace Scheduler.Optimizer.Solving.Exact;

/// <summary>What the exact stage found.</summary>
/// <param name="Schedule">Its best schedule, or null when it found none.</param>
/// <param name="BestBound">The best lower bound it proved on the objective; null when none.</param>
/// <param name="Status">The solver's status, for the record.</param>
internal sealed record ExactOutcome(Schedule? Schedule, double? BestBound, string Status);
