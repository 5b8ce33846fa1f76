using NodaTime;

namespace Scheduler.Functions.Planning;

/// <summary>
/// Which of two plans of a site is the newer: the one that read more changes of its inputs (a higher input version),
/// and of two that read the same inputs, the later. Planners' clocks so decide only between plans of the same inputs,
/// where a few seconds of skew between instances change nothing that matters.
/// </summary>
/// <param name="InputVersion">The site's input version the plan read.</param>
/// <param name="PlannedAt">When it read its inputs, by its instance's clock.</param>
public readonly record struct PlanOrder(long InputVersion, Instant PlannedAt) : IComparable<PlanOrder>
{
    /// <inheritdoc />
    public int CompareTo(PlanOrder other) =>
        InputVersion != other.InputVersion ? InputVersion.CompareTo(other.InputVersion) : PlannedAt.CompareTo(other.PlannedAt);

    /// <summary>Whether <paramref name="left"/> is newer than <paramref name="right"/>.</summary>
    public static bool operator >(PlanOrder left, PlanOrder right) => left.CompareTo(right) > 0;

    /// <summary>Whether <paramref name="left"/> is older than <paramref name="right"/>.</summary>
    public static bool operator <(PlanOrder left, PlanOrder right) => left.CompareTo(right) < 0;

    /// <summary>Whether <paramref name="left"/> is as new as <paramref name="right"/> or newer.</summary>
    public static bool operator >=(PlanOrder left, PlanOrder right) => left.CompareTo(right) >= 0;

    /// <summary>Whether <paramref name="left"/> is as new as <paramref name="right"/> or older.</summary>
    public static bool operator <=(PlanOrder left, PlanOrder right) => left.CompareTo(right) <= 0;
}
