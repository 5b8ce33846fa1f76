namespace Scheduler.Protocols.Ocpp;

/// <summary>The OCPP version a charging profile is written for.</summary>
public enum OcppVersion
{
    /// <summary>OCPP 1.6 (JSON): <c>SetChargingProfile</c> with <c>connectorId</c> and <c>csChargingProfiles</c>.</summary>
    V16,

    /// <summary>OCPP 2.0.1: <c>SetChargingProfileRequest</c> with <c>evseId</c> and <c>chargingProfile</c>.</summary>
    V201,
}
