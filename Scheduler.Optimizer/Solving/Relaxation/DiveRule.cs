namespace Scheduler.Optimizer.Solving.Relaxation;

/// <summary>
/// How a <see cref="MinimumCurrentDive"/> decides which currents below the minimum go on. Neither won on every
/// benchmark site and real week, so the planner dives by both and repairs each.
/// </summary>
internal enum DiveRule
{
    /// <summary>Each current on its own: on where it is at least half the minimum, else off.</summary>
    EachByHalfTheMinimum,

    /// <summary>Per session, as many of its largest as the amps they carry together fill at the minimum, rounded down, so its energy still fits.</summary>
    ByTheSessionsAmps,
}
