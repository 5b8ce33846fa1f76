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
    Task<CsmsOutcome> SendChargingProfileAsync(CsmsTarget target, string stationId, JsonElement payload, CancellationToken ct) =>
        SendChargingProfileAsync(target, stationId, payload, null, ct);

    /// <summary>
    /// As <see cref="SendChargingProfileAsync(CsmsTarget, string, JsonElement, CancellationToken)"/>, asking
    /// <paramref name="beforeAttempt"/> before every attempt, retries included, whether the profile is still wanted: when it
    /// answers false, nothing more is sent and the outcome is <see cref="CsmsOutcomeKind.Withdrawn"/>. A retry after a 500
    /// can so never put an older profile on a station after a newer one.
    /// </summary>
    /// <exception cref="OperationCanceledException"><paramref name="ct"/> was cancelled.</exception>
    Task<CsmsOutcome> SendChargingProfileAsync(CsmsTarget target, string stationId, JsonElement payload, Func<CancellationToken, ValueTask<bool>>? beforeAttempt, CancellationToken ct);
}
