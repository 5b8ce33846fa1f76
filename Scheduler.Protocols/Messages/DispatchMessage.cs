using Scheduler.Protocols.Ocpp;

namespace Scheduler.Protocols.Messages;

/// <summary>A charging profile of a stored plan to send to one charger (message type <c>dispatch</c>).</summary>
public sealed record DispatchMessage
{
    /// <summary>Creates a dispatch message.</summary>
    /// <param name="id">The idempotency key, 1 to 128 characters.</param>
    /// <param name="siteId">The site, 1 to 128 characters.</param>
    /// <param name="planId">The plan the profile comes from, 1 to 128 characters.</param>
    /// <param name="chargerId">The charger to send it to, 1 to 128 characters.</param>
    /// <param name="purpose">The profile's purpose.</param>
    /// <param name="sessionId">The session of a <see cref="ChargingProfilePurpose.TxProfile"/>; null for a
    /// <see cref="ChargingProfilePurpose.TxDefaultProfile"/> (the charger's fail-safe default).</param>
    public DispatchMessage(string id, string siteId, string planId, string chargerId, ChargingProfilePurpose purpose, string? sessionId)
    {
        Id = MessageCheck.Id(id, nameof(id));
        SiteId = MessageCheck.Id(siteId, nameof(siteId));
        PlanId = MessageCheck.Id(planId, nameof(planId));
        ChargerId = MessageCheck.Id(chargerId, nameof(chargerId));
        if (!Enum.IsDefined(purpose))
        {
            throw new ArgumentOutOfRangeException(nameof(purpose), purpose, "must be a defined profile purpose");
        }

        Purpose = purpose;
        SessionId = MessageCheck.OptionalId(sessionId, nameof(sessionId));
        if ((purpose == ChargingProfilePurpose.TxProfile) != (sessionId is not null))
        {
            throw new ArgumentException("a TxProfile needs its session id, a TxDefaultProfile has none", nameof(sessionId));
        }
    }

    /// <summary>The idempotency key.</summary>
    public string Id { get; }

    /// <summary>The site.</summary>
    public string SiteId { get; }

    /// <summary>The plan the profile comes from.</summary>
    public string PlanId { get; }

    /// <summary>The charger to send it to.</summary>
    public string ChargerId { get; }

    /// <summary>The session of a TxProfile; null for a TxDefaultProfile.</summary>
    public string? SessionId { get; }

    /// <summary>The profile's purpose.</summary>
    public ChargingProfilePurpose Purpose { get; }
}
