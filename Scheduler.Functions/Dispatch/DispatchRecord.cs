using NodaTime;

namespace Scheduler.Functions.Dispatch;

/// <summary>The profile that should be on one charger for one purpose, and what became of it.</summary>
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

    /// <summary>The session of a TxProfile; null for a TxDefaultProfile.</summary>
    public string? SessionId { get; init; }

    /// <summary>The OCPP version of <see cref="PayloadJson"/>: "1.6" or "2.0.1".</summary>
    public required string OcppVersion { get; init; }

    /// <summary>The SetChargingProfile request body.</summary>
    public required string PayloadJson { get; init; }

    /// <summary>Where it stands.</summary>
    public DispatchState State { get; init; } = DispatchState.Pending;

    /// <summary>The CSMS's reason, for a refusal or a failure.</summary>
    public string? Reason { get; init; }

    /// <summary>HTTP attempts spent on the last send.</summary>
    public int Attempts { get; init; }

    /// <summary>When it was last answered (or given up on).</summary>
    public Instant? AnsweredAt { get; init; }
}
