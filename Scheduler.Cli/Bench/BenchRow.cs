namespace Scheduler.Cli.Bench;

/// <summary>The outcome of one size of one profile: a measurement, or why there is none.</summary>
/// <param name="Profile">The profile asked for.</param>
/// <param name="Sessions">The size asked for.</param>
/// <param name="Result">The measurement; null when the child failed.</param>
/// <param name="Error">What went wrong; null when there is a result.</param>
internal sealed record BenchRow(string Profile, int Sessions, BenchResult? Result, string? Error);
