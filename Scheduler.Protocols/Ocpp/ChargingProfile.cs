using System.Text.Json.Nodes;

namespace Scheduler.Protocols.Ocpp;

/// <summary>One charging profile as the CSMS sends it, and whether it may be sent.</summary>
/// <param name="SessionId">The session of a TxProfile; null for a charger's TxDefaultProfile.</param>
/// <param name="ChargerId">The charger it is for.</param>
/// <param name="OcppVersion">The OCPP version of <paramref name="Payload"/>.</param>
/// <param name="Purpose">TxProfile or TxDefaultProfile.</param>
/// <param name="Payload">The request body: a 1.6 <c>SetChargingProfile</c> or a 2.0.1 <c>SetChargingProfileRequest</c>.</param>
/// <param name="NotDispatchableReason">Why it must not be sent (e.g. no usable transaction id); null when it may be.</param>
/// <param name="EnergyLostKwh">
/// The energy, in kWh, that the profile allows less than the plan: the cost of merging periods to fit the charger's
/// period budget and of rounding limits down. 0 for a TxDefaultProfile.
/// </param>
public sealed record ChargingProfile(
    string? SessionId,
    string ChargerId,
    OcppVersion OcppVersion,
    ChargingProfilePurpose Purpose,
    JsonObject Payload,
    string? NotDispatchableReason,
    double EnergyLostKwh)
{
    /// <summary>Whether the CSMS may send it.</summary>
    public bool IsDispatchable => NotDispatchableReason is null;
}
