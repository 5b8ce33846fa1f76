namespace Scheduler.Optimizer.Plans;

/// <summary>What one session gets.</summary>
/// <param name="SessionId">The session.</param>
/// <param name="ChargerId">Its charger.</param>
/// <param name="RequestedKwh">The energy asked for.</param>
/// <param name="DeliveredKwh">The energy the plan delivers by departure.</param>
/// <param name="ShortfallKwh">Requested minus delivered.</param>
/// <param name="Phases">The phases it charges on (the lower of vehicle and charger).</param>
/// <param name="SlotCurrentsA">The current in every slot of the planning window (0 outside the session).</param>
/// <param name="Periods">The same as intervals of constant current within the session's window, neighbours of equal current merged.</param>
public sealed record SessionPlan(
    string SessionId,
    string ChargerId,
    double RequestedKwh,
    double DeliveredKwh,
    double ShortfallKwh,
    int Phases,
    IReadOnlyList<int> SlotCurrentsA,
    IReadOnlyList<ChargingPeriod> Periods)
{
    /// <summary>Why the session is planned at 0 regardless of prices and limits; null for a session that can be planned.</summary>
    public SessionNote? Note { get; init; }
}
