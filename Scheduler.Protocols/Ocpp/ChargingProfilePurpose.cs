namespace Scheduler.Protocols.Ocpp;

/// <summary>The purposes of the profiles the scheduler sends (OCPP <c>chargingProfilePurpose</c>).</summary>
public enum ChargingProfilePurpose
{
    /// <summary>The schedule of one transaction.</summary>
    TxProfile,

    /// <summary>The fail-safe limit of a charger's EVSE, in force whenever no TxProfile is.</summary>
    TxDefaultProfile,
}
