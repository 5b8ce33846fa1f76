using Azure.Data.Tables;
using NodaTime;

namespace Scheduler.Functions.Planning;

/// <summary>
/// A site's newest plan as its "latest" row names it: which plan, what it read, and whether its profiles have all
/// been queued for dispatch yet (the outbox: a plan stored but not yet dispatched is finished by the next request).
/// </summary>
public sealed record LatestPlan
{
    /// <summary>The plan.</summary>
    public required string PlanId { get; init; }

    /// <summary>When it read its inputs.</summary>
    public required Instant PlannedAt { get; init; }

    /// <summary>The plan request it answered.</summary>
    public required string RequestId { get; init; }

    /// <summary>The site's input version it read.</summary>
    public required long InputVersion { get; init; }

    /// <summary>Whether some of its profiles may not have been queued for dispatch yet.</summary>
    public required bool DispatchPending { get; init; }

    /// <summary>Its place among the site's plans.</summary>
    public PlanOrder Order => new(InputVersion, PlannedAt);

    /// <summary>The row as read, with its ETag, so that the next write needs no read.</summary>
    internal TableEntity? Row { get; init; }
}
