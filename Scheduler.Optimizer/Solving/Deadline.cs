using System.Diagnostics;

namespace Scheduler.Optimizer.Solving;

/// <summary>
/// The wall-time budget of one solve, shared by every stage so that the whole solve (relaxation, repair, exact
/// stage and fallback) keeps the caller's time limit. Without a limit it never expires.
/// </summary>
internal sealed class Deadline
{
    private readonly Stopwatch _stopwatch;
    private readonly TimeSpan? _limit;

    private Deadline(TimeSpan? limit)
    {
        _stopwatch = Stopwatch.StartNew();
        _limit = limit;
    }

    /// <summary>The time since the solve began.</summary>
    public TimeSpan Elapsed => _stopwatch.Elapsed;

    /// <summary>The time left, never below zero; null without a limit.</summary>
    public TimeSpan? Remaining => _limit is { } limit ? Max(TimeSpan.Zero, limit - _stopwatch.Elapsed) : null;

    /// <summary>Whether the limit has passed.</summary>
    public bool Expired => _limit is { } limit && _stopwatch.Elapsed >= limit;

    /// <summary>Starts the clock.</summary>
    /// <param name="limit">The budget; null for none.</param>
    public static Deadline Start(TimeSpan? limit) => new(limit);

    /// <summary>A deadline for one stage: <paramref name="share"/> of the time left now (no limit stays no limit).</summary>
    public Deadline Share(double share) => new(Remaining is { } left ? left * share : null);

    /// <summary>The time a stage may take: <paramref name="share"/> of what is left, at most <paramref name="cap"/>; null for no limit at all.</summary>
    public TimeSpan? Budget(double share, TimeSpan? cap = null)
    {
        TimeSpan? budget = Remaining is { } left ? left * share : null;
        return (budget, cap) switch
        {
            ({ } b, { } c) => b < c ? b : c,
            ({ } b, null) => b,
            (null, { } c) => c,
            _ => null,
        };
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}
