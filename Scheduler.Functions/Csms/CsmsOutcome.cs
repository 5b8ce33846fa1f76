namespace Scheduler.Functions.Csms;

/// <summary>What became of one <see cref="ICsmsClient.SendChargingProfileAsync(CsmsTarget, string, System.Text.Json.JsonElement, CancellationToken)"/> call.</summary>
/// <param name="Kind">Accepted, Rejected, NotSupported or Failed.</param>
/// <param name="Reason">
/// Why it was not accepted: the OCPP <c>statusInfo</c> reason code and additional info, the CallError code, the
/// CitrineOS payload, the HTTP status, <c>"timed out"</c> or <c>"circuit open"</c>; <see langword="null"/> when accepted
/// without remarks.
/// </param>
/// <param name="HttpStatus">The HTTP status of the last answer; <see langword="null"/> when there was none.</param>
/// <param name="Attempts">How many requests reached the wire (0 when the circuit was already open).</param>
public sealed record CsmsOutcome(CsmsOutcomeKind Kind, string? Reason, int? HttpStatus, int Attempts)
{
    /// <summary>Whether the profile was accepted.</summary>
    public bool IsAccepted => Kind == CsmsOutcomeKind.Accepted;
}
