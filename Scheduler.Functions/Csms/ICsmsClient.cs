using System.Text.Json;

namespace Scheduler.Functions.Csms;

/// <summary>Sends charging profiles to a charging-station management system over its HTTP API.</summary>
public interface ICsmsClient
{
    /// <summary>
    /// Posts <paramref name="payload"/> (a SetChargingProfile request of <paramref name="target"/>'s OCPP version) for
    /// station <paramref name="stationId"/> and reports the answer. Transient failures are retried; a CSMS that keeps
    /// failing ends as <see cref="CsmsOutcomeKind.Failed"/>, never as an exception.
    /// </summary>
    /// <exception cref="OperationCanceledException"><paramref name="ct"/> was cancelled.</exception>
    Task<CsmsOutcome> SendChargingProfileAsync(CsmsTarget target, string stationId, JsonElement payload, CancellationToken ct);
}
