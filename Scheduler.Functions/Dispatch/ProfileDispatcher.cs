using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NodaTime;
using Scheduler.Functions.Configuration;
using Scheduler.Functions.Csms;
using Scheduler.Functions.Queues;
using Scheduler.Functions.Sessions;
using Scheduler.Functions.Sites;
using Scheduler.Protocols.Messages;
using Scheduler.Protocols.Ocpp;

namespace Scheduler.Functions.Dispatch;

/// <summary>
/// Sends one charger's profile to the site's CSMS (the work of <c>DispatchProfile</c>). Only the profile of the
/// newest plan is sent, and a TxProfile only while its session runs. A charger that refuses its TxProfile keeps its
/// previous limit, so it is held at its fail-safe limit for the rest of that transaction and the site is re-planned
/// around it. A CSMS that does not answer gets the message again from the queue, until its last delivery.
/// </summary>
public sealed partial class ProfileDispatcher
{
    private readonly DispatchStore _dispatches;
    private readonly SiteStore _sites;
    private readonly SessionStore _sessions;
    private readonly ICsmsClient _csms;
    private readonly PlanRequestQueue _planRequests;
    private readonly IConfiguration _configuration;
    private readonly IClock _clock;
    private readonly QueueOptions _queueOptions;
    private readonly ILogger<ProfileDispatcher> _logger;

    /// <summary>Creates the dispatcher.</summary>
    public ProfileDispatcher(
        DispatchStore dispatches,
        SiteStore sites,
        SessionStore sessions,
        ICsmsClient csms,
        PlanRequestQueue planRequests,
        IConfiguration configuration,
        IClock clock,
        IOptions<QueueOptions> queueOptions,
        ILogger<ProfileDispatcher> logger)
    {
        ArgumentNullException.ThrowIfNull(queueOptions);
        _dispatches = dispatches;
        _sites = sites;
        _sessions = sessions;
        _csms = csms;
        _planRequests = planRequests;
        _configuration = configuration;
        _clock = clock;
        _queueOptions = queueOptions.Value;
        _logger = logger;
    }

    /// <summary>Handles one <c>dispatch</c> message.</summary>
    /// <param name="text">The message.</param>
    /// <param name="dequeueCount">How often the queue has delivered it, this time included.</param>
    /// <param name="cancellationToken">Cancels the send.</param>
    /// <exception cref="CsmsUnavailableException">The CSMS did not answer, and the queue will deliver the message again.</exception>
    public async Task<MessageOutcome> HandleAsync(string text, long dequeueCount, CancellationToken cancellationToken = default)
    {
        var read = DispatchMessageReader.Read(text);
        if (!read.IsValid || read.Message is null)
        {
            return MessageOutcome.Refused(read.Errors);
        }

        var message = read.Message;
        var record = await _dispatches.GetAsync(message.SiteId, message.ChargerId, message.Purpose.ToString(), cancellationToken).ConfigureAwait(false);
        if (record is null)
        {
            return MessageOutcome.Refused("dispatch.unknown", $"site '{message.SiteId}' has no profile for charger '{message.ChargerId}' ({message.Purpose})");
        }

        if (record.PlanId != message.PlanId)
        {
            return MessageOutcome.Done($"superseded by plan {record.PlanId}");
        }

        if (record.State != DispatchState.Pending)
        {
            return MessageOutcome.Done($"already {record.State}");
        }

        // Point reads: a plan queues one message per charger, so reading the whole site here would cost a site per charger.
        var site = await _sites.GetHeaderAsync(message.SiteId, cancellationToken).ConfigureAwait(false);
        var charger = await _sites.GetChargerAsync(message.SiteId, message.ChargerId, cancellationToken).ConfigureAwait(false);
        if (site is null || charger is null)
        {
            return await SkipAsync(message, "the site or charger no longer exists", cancellationToken).ConfigureAwait(false);
        }

        if (site.Settings.Csms is not { } csms)
        {
            return await SkipAsync(message, "the site has no CSMS configured", cancellationToken).ConfigureAwait(false);
        }

        SessionRecord? session = null;
        if (record.SessionId is { } sessionId)
        {
            session = await _sessions.GetAsync(message.SiteId, sessionId, cancellationToken).ConfigureAwait(false);
            if (session is not { IsActive: true })
            {
                // A TxProfile for a transaction that has ended would be refused (TxNotFound), or worse, land on the next one.
                return await SkipAsync(message, $"session {sessionId} has ended", cancellationToken).ConfigureAwait(false);
            }
        }

        var target = TargetOf(site, csms);
        using var payload = JsonDocument.Parse(record.PayloadJson);
        var outcome = await _csms.SendChargingProfileAsync(target, charger.Station, payload.RootElement, cancellationToken).ConfigureAwait(false);
        var now = _clock.GetCurrentInstant();
        switch (outcome.Kind)
        {
            case CsmsOutcomeKind.Accepted:
                await _dispatches.RecordAnswerAsync(message.SiteId, message.ChargerId, message.Purpose.ToString(), message.PlanId, DispatchState.Accepted, null, outcome.Attempts, now, cancellationToken).ConfigureAwait(false);
                return MessageOutcome.Done($"accepted by {charger.Station}");
            case CsmsOutcomeKind.Rejected:
            case CsmsOutcomeKind.NotSupported:
                var state = outcome.Kind == CsmsOutcomeKind.Rejected ? DispatchState.Rejected : DispatchState.NotSupported;
                return await RefusedAsync(message, session, state, outcome.Reason ?? outcome.Kind.ToString(), outcome.Attempts, now, cancellationToken).ConfigureAwait(false);
            default:
                if (dequeueCount < _queueOptions.MaxDequeueCount)
                {
                    LogRetry(_logger, message.ChargerId, message.SiteId, dequeueCount, outcome.Reason ?? "no answer");
                    throw new CsmsUnavailableException($"the CSMS did not answer for charger {message.ChargerId} of site {message.SiteId}: {outcome.Reason}");
                }

                return await RefusedAsync(message, session, DispatchState.Failed, $"no answer after {dequeueCount} deliveries: {outcome.Reason}", outcome.Attempts, now, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<MessageOutcome> RefusedAsync(
        DispatchMessage message, SessionRecord? session, DispatchState state, string reason, int attempts, Instant now, CancellationToken cancellationToken)
    {
        await _dispatches.RecordAnswerAsync(message.SiteId, message.ChargerId, message.Purpose.ToString(), message.PlanId, state, reason, attempts, now, cancellationToken).ConfigureAwait(false);
        LogRefused(_logger, message.ChargerId, message.SiteId, state.ToString(), reason);
        if (session is null)
        {
            // A refused fail-safe default profile changes nothing the plan controls; it is recorded for the operator.
            return MessageOutcome.Done($"{state}: {reason}");
        }

        await _sites.HoldChargerAsync(message.SiteId, message.ChargerId, session.TransactionId, $"{state}: {reason}", now, cancellationToken).ConfigureAwait(false);
        await _planRequests.RequestAsync(message.SiteId, "dispatch-rejected", message.Id, cancellationToken).ConfigureAwait(false);
        return MessageOutcome.Done($"{state}: {reason}; charger held at its fail-safe limit and the site re-planned");
    }

    private async Task<MessageOutcome> SkipAsync(DispatchMessage message, string reason, CancellationToken cancellationToken)
    {
        await _dispatches.RecordAnswerAsync(message.SiteId, message.ChargerId, message.Purpose.ToString(), message.PlanId, DispatchState.Skipped, reason, 0, _clock.GetCurrentInstant(), cancellationToken).ConfigureAwait(false);
        return MessageOutcome.Done("skipped: " + reason);
    }

    private CsmsTarget TargetOf(SiteHeader site, CsmsSettings csms)
    {
        string? authorization = null;
        if (csms.AuthorizationSetting is { } setting)
        {
            authorization = _configuration[setting];
            if (string.IsNullOrEmpty(authorization))
            {
                throw new InvalidOperationException($"site '{site.Id}' takes its CSMS authorization from the app setting '{setting}', which is not set");
            }
        }

        if (!Uri.TryCreate(csms.BaseUrl, UriKind.Absolute, out var baseUrl))
        {
            throw new InvalidOperationException($"site '{site.Id}' has the CSMS base URL '{csms.BaseUrl}', which is not an absolute URL");
        }

        return new CsmsTarget(
            baseUrl,
            csms.OcppVersion == "1.6" ? OcppVersion.V16 : OcppVersion.V201,
            authorization,
            csms.RouteTemplate ?? CsmsTarget.DefaultRouteTemplate,
            csms.TenantId);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Charger {ChargerId} of site {SiteId}: CSMS unavailable on delivery {DequeueCount} ({Reason}); the queue retries")]
    private static partial void LogRetry(ILogger logger, string chargerId, string siteId, long dequeueCount, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Charger {ChargerId} of site {SiteId}: profile {State}: {Reason}")]
    private static partial void LogRefused(ILogger logger, string chargerId, string siteId, string state, string reason);
}
