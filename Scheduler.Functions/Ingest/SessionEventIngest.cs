using Scheduler.Functions.Queues;
using Scheduler.Functions.Sessions;
using Scheduler.Functions.Sites;
using Scheduler.Protocols.Messages;

namespace Scheduler.Functions.Ingest;

/// <summary>
/// Folds a CSMS session event into its session (the work of <c>IngestSessionEvent</c>). Every event asks for a
/// re-plan; the re-plan delay and the drop of requests older than the newest plan turn a stream of meter values
/// into one plan per delay.
/// </summary>
public sealed class SessionEventIngest
{
    private readonly SiteStore _sites;
    private readonly SessionStore _sessions;
    private readonly PlanRequestQueue _planRequests;
    private readonly ProfileRenegotiation _renegotiation;

    /// <summary>Creates the service.</summary>
    public SessionEventIngest(SiteStore sites, SessionStore sessions, PlanRequestQueue planRequests, ProfileRenegotiation renegotiation)
    {
        _sites = sites;
        _sessions = sessions;
        _planRequests = planRequests;
        _renegotiation = renegotiation;
    }

    /// <summary>Handles one <c>session-event</c> message.</summary>
    public async Task<MessageOutcome> HandleAsync(string text, CancellationToken cancellationToken = default)
    {
        var read = SessionEventMessageReader.Read(text);
        if (!read.IsValid || read.Message is null)
        {
            return MessageOutcome.Refused(read.Errors);
        }

        var message = read.Message;
        if (await _sites.GetHeaderAsync(message.SiteId, cancellationToken).ConfigureAwait(false) is not { } site)
        {
            return MessageOutcome.UnknownSite(message.SiteId);
        }

        var charger = await _sites.GetChargerAsync(message.SiteId, message.ChargerId, cancellationToken).ConfigureAwait(false);
        if (charger is null)
        {
            return MessageOutcome.Deferred("charger.unknown", $"site '{message.SiteId}' has no charger '{message.ChargerId}'");
        }

        var session = await _sessions.ApplyAsync(message, cancellationToken).ConfigureAwait(false);
        if (message.Kind == SessionEventKind.Started && charger.HeldTransactionId is { } held && held != message.TransactionId)
        {
            // A new transaction on a charger that refused a profile in an earlier one: try it again.
            await _sites.ReleaseHoldAsync(message.SiteId, message.ChargerId, cancellationToken).ConfigureAwait(false);
        }

        if (message.EvSchedule is { } proposal && session.IsActive)
        {
            // The vehicle's proposal changes no input of the plan; it only tells whether the charger needs our profile again.
            var resent = await _renegotiation.AnswerAsync(message.SiteId, site.VoltageV, session, proposal, message.Timestamp, cancellationToken).ConfigureAwait(false);
            return MessageOutcome.Done($"session {session.Id}: the vehicle's schedule {(resent is null ? "is within its profile" : "exceeds its profile, " + resent)}");
        }

        await _planRequests.RequestAsync(message.SiteId, "session-event", message.Id, cancellationToken).ConfigureAwait(false);
        return MessageOutcome.Done($"session {session.Id} {(session.IsActive ? "running" : "stopped")}; re-plan requested");
    }
}
