using Azure;
using NodaTime;
using Scheduler.Functions.Planning;

namespace Scheduler.Functions.Dispatch;

/// <summary>
/// The profile that should be on one charger for one purpose, what became of it, which send holds the charger's
/// lease (sends to one charger go one at a time), and which plan's profile the charger last accepted.
/// </summary>
public sealed record DispatchRecord
{
    /// <summary>The charger.</summary>
    public required string ChargerId { get; init; }

    /// <summary>TxProfile or TxDefaultProfile.</summary>
    public required string Purpose { get; init; }

    /// <summary>The plan the profile comes from.</summary>
    public required string PlanId { get; init; }

    /// <summary>When that plan read its inputs.</summary>
    public required Instant PlannedAt { get; init; }

    /// <summary>The site's input version that plan read.</summary>
    public long InputVersion { get; init; }

    /// <summary>The plan's place among the site's plans: a newer plan's profile replaces an older one's, never the reverse.</summary>
    public PlanOrder Order => new(InputVersion, PlannedAt);

    /// <summary>The session of a TxProfile; null for a TxDefaultProfile.</summary>
    public string? SessionId { get; init; }

    /// <summary>The OCPP version of <see cref="PayloadJson"/>: "1.6" or "2.0.1".</summary>
    public required string OcppVersion { get; init; }

    /// <summary>The SetChargingProfile request body.</summary>
    public required string PayloadJson { get; init; }

    /// <summary>Where it stands.</summary>
    public DispatchState State { get; init; } = DispatchState.Pending;

    /// <summary>The CSMS's reason, for a refusal, a failure or a send that got no answer.</summary>
    public string? Reason { get; init; }

    /// <summary>HTTP attempts spent on the last send.</summary>
    public int Attempts { get; init; }

    /// <summary>How often this plan's profile was sent without an answer; it sets the retries' backoff.</summary>
    public int Unanswered { get; init; }

    /// <summary>When it was last answered (or given up on).</summary>
    public Instant? AnsweredAt { get; init; }

    /// <summary>The message whose send to the charger is in progress; null when none is.</summary>
    public string? LeaseOwner { get; init; }

    /// <summary>Until when <see cref="LeaseOwner"/> holds the charger: past it, a send that stalled no longer blocks the next.</summary>
    public Instant? LeaseUntil { get; init; }

    /// <summary>The plan whose profile the charger accepted last, which is the one it runs; null before the first.</summary>
    public string? AppliedPlanId { get; init; }

    /// <summary>When the plan of <see cref="AppliedPlanId"/> read its inputs.</summary>
    public Instant? AppliedPlannedAt { get; init; }

    /// <summary>The row's version when it was read, for a write guarded against changes since.</summary>
    public ETag ETag { get; init; }

    /// <summary>Whether a send other than <paramref name="owner"/>'s holds the charger at <paramref name="now"/>.</summary>
    public bool IsLeasedToOther(string owner, Instant now) => LeaseOwner is { } holder && holder != owner && LeaseUntil is { } until && until > now;
}
