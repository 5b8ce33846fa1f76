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
/// newest plan is sent, and a TxProfile only while its session runs. Sends to one charger go one at a time (a lease
/// on its record), and before every attempt, retries included, the record is read again, so an older profile never
/// overtakes a newer one; should a stalled older send still land after a newer one, the newer is sent again. No
/// answer (a timeout, a 5xx, an open circuit) leaves the charger's state unknown, not refused: the profile is sent
/// again with backoff until it is answered, replaced, or its session ends. A charger that refuses its TxProfile keeps
/// its previous limit, so it is held at its fail-safe limit for the rest of that transaction and the site is re-planned.
/// </summary>
public sealed partial class ProfileDispatcher
{
    // How long a lease outlives the longest send, so that a slow answer does not let a second send in.
    private static readonly Duration LeaseMargin = Duration.FromSeconds(30);

    // How long a profile waits, at most, when another send to its charger is in progress.
    private static readonly TimeSpan MaxBusyDelay = TimeSpan.FromSeconds(5);

    private readonly DispatchStore _dispatches;
    private readonly DispatchQueue _queue;
    private readonly SiteStore _sites;
    private readonly SessionStore _sessions;
    private readonly ICsmsClient _csms;
    private readonly PlanRequestQueue _planRequests;
    private readonly IConfiguration _configuration;
    private readonly IClock _clock;
    private readonly DispatchOptions _options;
    private readonly Duration _lease;
    private readonly ILogger<ProfileDispatcher> _logger;

    /// <summary>Creates the dispatcher.</summary>
    public ProfileDispatcher(
        DispatchStore dispatches,
        DispatchQueue queue,
        SiteStore sites,
        SessionStore sessions,
        ICsmsClient csms,
        PlanRequestQueue planRequests,
        IConfiguration configuration,
        IClock clock,
        IOptions<DispatchOptions> options,
        IOptions<CsmsHttpOptions> csmsOptions,
        ILogger<ProfileDispatcher> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(csmsOptions);
        _dispatches = dispatches;
        _queue = queue;
        _sites = sites;
        _sessions = sessions;
        _csms = csms;
        _planRequests = planRequests;
        _configuration = configuration;
        _clock = clock;
        _options = options.Value;
        _lease = Duration.FromTimeSpan(csmsOptions.Value.TotalTimeout) + LeaseMargin;
        _logger = logger;
    }

    /// <summary>Handles one <c>dispatch</c> message.</summary>
    public async Task<MessageOutcome> HandleAsync(string text, CancellationToken cancellationToken = default)
    {
        var read = DispatchMessageReader.Read(text);
        if (!read.IsValid || read.Message is null)
        {
            return MessageOutcome.Refused(read.Errors);
        }

        var message = read.Message;
        var send = new Send(message.SiteId, message.ChargerId, message.Purpose.ToString(), message.PlanId, message.Id);
        var record = await _dispatches.GetAsync(send.SiteId, send.ChargerId, send.Purpose, cancellationToken).ConfigureAwait(false);
        if (record is null)
        {
            return MessageOutcome.Refused("dispatch.unknown", $"site '{message.SiteId}' has no profile for charger '{message.ChargerId}' ({message.Purpose})");
        }

        if (Unwanted(record, send) is { } why)
        {
            return MessageOutcome.Done(why);
        }

        var now = _clock.GetCurrentInstant();
        if (now - record.PlannedAt > Duration.FromTimeSpan(_options.GiveUpAfter))
        {
            await SettleAsync(send, record, r => r.PlanId == send.PlanId ? r with { State = DispatchState.Failed, AnsweredAt = now } : r, cancellationToken).ConfigureAwait(false);
            LogGaveUp(_logger, send.ChargerId, send.SiteId, record.Reason ?? "no answer");
            return MessageOutcome.Done($"given up: no answer since plan {record.PlanId} ({record.Reason})");
        }

        // Point reads: a plan queues one message per charger, so reading the whole site here would cost a site per charger.
        var site = await _sites.GetHeaderAsync(send.SiteId, cancellationToken).ConfigureAwait(false);
        var charger = await _sites.GetChargerAsync(send.SiteId, send.ChargerId, cancellationToken).ConfigureAwait(false);
        if (site is null || charger is null)
        {
            return await SkipAsync(send, record, "the site or charger no longer exists", cancellationToken).ConfigureAwait(false);
        }

        if (site.Settings.Csms is not { } csms)
        {
            return await SkipAsync(send, record, "the site has no CSMS configured", cancellationToken).ConfigureAwait(false);
        }

        SessionRecord? session = null;
        if (record.SessionId is { } sessionId)
        {
            session = await _sessions.GetAsync(send.SiteId, sessionId, cancellationToken).ConfigureAwait(false);
            if (session is not { IsActive: true })
            {
                // A TxProfile for a transaction that has ended would be refused (TxNotFound), or worse, land on the next one.
                return await SkipAsync(send, record, $"session {sessionId} has ended", cancellationToken).ConfigureAwait(false);
            }
        }

        var leased = await _dispatches.UpdateAsync(send.SiteId, send.ChargerId, send.Purpose, r => Lease(r, send, now, now + _lease), record, cancellationToken).ConfigureAwait(false);
        if (leased is null || Unwanted(leased, send) is not null)
        {
            return MessageOutcome.Done(leased is null ? "the record is gone" : Unwanted(leased, send)!);
        }

        if (leased.LeaseOwner != send.Owner)
        {
            await _queue.SendAsync(send.SiteId, leased, now.ToUnixTimeMilliseconds(), _options.RetryDelay < MaxBusyDelay ? _options.RetryDelay : MaxBusyDelay, cancellationToken).ConfigureAwait(false);
            return MessageOutcome.Done($"waiting: a send to charger {send.ChargerId} is in progress");
        }

        using var payload = JsonDocument.Parse(leased.PayloadJson);
        var outcome = await _csms.SendChargingProfileAsync(
            TargetOf(site, csms), charger.Station, payload.RootElement, token => StillWantedAsync(send, token), cancellationToken).ConfigureAwait(false);
        return await AnsweredAsync(send, leased, session, outcome, cancellationToken).ConfigureAwait(false);
    }

    private async Task<MessageOutcome> AnsweredAsync(Send send, DispatchRecord sent, SessionRecord? session, CsmsOutcome outcome, CancellationToken cancellationToken)
    {
        var at = _clock.GetCurrentInstant();
        switch (outcome.Kind)
        {
            case CsmsOutcomeKind.Accepted:
                DispatchRecord? resend = null;
                await SettleAsync(send, sent, r => Accepted(r, send, sent, outcome, at, out resend), cancellationToken).ConfigureAwait(false);
                if (resend is not null)
                {
                    // An older profile reached the charger after the newer one: the newer goes again.
                    LogOvertaken(_logger, send.ChargerId, send.SiteId, send.PlanId, resend.PlanId);
                    await _queue.SendAsync(send.SiteId, resend, at.ToUnixTimeMilliseconds(), null, cancellationToken).ConfigureAwait(false);
                }

                return MessageOutcome.Done($"accepted{(resend is null ? string.Empty : $"; the newer plan {resend.PlanId} is sent again")}");
            case CsmsOutcomeKind.Rejected:
            case CsmsOutcomeKind.NotSupported:
                var state = outcome.Kind == CsmsOutcomeKind.Rejected ? DispatchState.Rejected : DispatchState.NotSupported;
                return await RefusedAsync(send, sent, session, state, outcome.Reason ?? outcome.Kind.ToString(), outcome.Attempts, at, cancellationToken).ConfigureAwait(false);
            case CsmsOutcomeKind.Withdrawn:
                await SettleAsync(send, sent, r => r, cancellationToken).ConfigureAwait(false);
                return MessageOutcome.Done("withdrawn: a newer profile replaced it while it was being sent");
            default:
                return await UnansweredAsync(send, sent, outcome, at, cancellationToken).ConfigureAwait(false);
        }
    }

    // No answer is not a refusal: the station may have the profile or not. It is sent again, later, and the charger is not held.
    private async Task<MessageOutcome> UnansweredAsync(Send send, DispatchRecord sent, CsmsOutcome outcome, Instant at, CancellationToken cancellationToken)
    {
        var reason = outcome.Reason ?? "no answer";
        var written = await SettleAsync(
            send,
            sent,
            r => r.PlanId == send.PlanId && r.State == DispatchState.Pending ? r with { Unanswered = r.Unanswered + 1, Reason = $"no answer: {reason}", Attempts = outcome.Attempts } : r,
            cancellationToken).ConfigureAwait(false);
        if (written is not { State: DispatchState.Pending } || written.PlanId != send.PlanId)
        {
            return MessageOutcome.Done("no answer, and a newer profile replaced it meanwhile");
        }

        var delay = RetryDelay(written.Unanswered);
        LogRetry(_logger, send.ChargerId, send.SiteId, written.Unanswered, reason, delay);
        await _queue.SendAsync(send.SiteId, written, written.Unanswered, delay, cancellationToken).ConfigureAwait(false);
        return MessageOutcome.Done($"no answer ({reason}); sent again in {delay}");
    }

    private async Task<MessageOutcome> RefusedAsync(
        Send send, DispatchRecord sent, SessionRecord? session, DispatchState state, string reason, int attempts, Instant at, CancellationToken cancellationToken)
    {
        var written = await SettleAsync(
            send, sent, r => r.PlanId == send.PlanId ? r with { State = state, Reason = reason, Attempts = attempts, AnsweredAt = at } : r, cancellationToken).ConfigureAwait(false);
        LogRefused(_logger, send.ChargerId, send.SiteId, state.ToString(), reason);
        if (session is null || written?.PlanId != send.PlanId)
        {
            // A refused fail-safe default profile changes nothing the plan controls; it is recorded for the operator.
            return MessageOutcome.Done($"{state}: {reason}");
        }

        await _sites.HoldChargerAsync(send.SiteId, send.ChargerId, session.TransactionId, $"{state}: {reason}", at, cancellationToken).ConfigureAwait(false);
        await _planRequests.RequestAsync(send.SiteId, "dispatch-rejected", send.Owner, cancellationToken).ConfigureAwait(false);
        return MessageOutcome.Done($"{state}: {reason}; charger held at its fail-safe limit and the site re-planned");
    }

    private async Task<MessageOutcome> SkipAsync(Send send, DispatchRecord record, string reason, CancellationToken cancellationToken)
    {
        var at = _clock.GetCurrentInstant();
        await SettleAsync(send, record, r => r.PlanId == send.PlanId ? r with { State = DispatchState.Skipped, Reason = reason, AnsweredAt = at } : r, cancellationToken).ConfigureAwait(false);
        return MessageOutcome.Done("skipped: " + reason);
    }

    // Writes what became of a send and gives up its lease, in one guarded write.
    private Task<DispatchRecord?> SettleAsync(Send send, DispatchRecord read, Func<DispatchRecord, DispatchRecord> change, CancellationToken cancellationToken) =>
        _dispatches.UpdateAsync(send.SiteId, send.ChargerId, send.Purpose, r => r is null ? null : Release(change(r), send.Owner), read, cancellationToken);

    private async ValueTask<bool> StillWantedAsync(Send send, CancellationToken cancellationToken)
    {
        var now = await _dispatches.GetAsync(send.SiteId, send.ChargerId, send.Purpose, cancellationToken).ConfigureAwait(false);
        return now is not null && Unwanted(now, send) is null && now.LeaseOwner == send.Owner;
    }

    private TimeSpan RetryDelay(int unanswered)
    {
        var delay = _options.RetryDelay * Math.Pow(2, Math.Min(unanswered - 1, 20));
        return delay < _options.MaxRetryDelay ? delay : _options.MaxRetryDelay;
    }

    private static string? Unwanted(DispatchRecord record, Send send) =>
        record.PlanId != send.PlanId ? $"superseded by plan {record.PlanId}"
        : record.State != DispatchState.Pending ? $"already {record.State}"
        : null;

    private static DispatchRecord? Lease(DispatchRecord? current, Send send, Instant now, Instant until) =>
        current is null || Unwanted(current, send) is not null || current.IsLeasedToOther(send.Owner, now)
            ? null
            : current with { LeaseOwner = send.Owner, LeaseUntil = until };

    private static DispatchRecord Release(DispatchRecord record, string owner) =>
        record.LeaseOwner == owner ? record with { LeaseOwner = null, LeaseUntil = null } : record;

    // The charger runs the profile accepted last, which is ours now. If a newer plan's profile had been accepted before
    // ours landed, it has been overwritten on the charger: it goes back to pending and is sent again.
    private static DispatchRecord Accepted(DispatchRecord current, Send send, DispatchRecord sent, CsmsOutcome outcome, Instant at, out DispatchRecord? resend)
    {
        resend = null;
        var next = current with { AppliedPlanId = send.PlanId, AppliedPlannedAt = sent.PlannedAt };
        if (current.PlanId == send.PlanId)
        {
            return next with { State = DispatchState.Accepted, Reason = outcome.Reason, Attempts = outcome.Attempts, AnsweredAt = at };
        }

        if (current.Order > sent.Order && current.State == DispatchState.Accepted)
        {
            resend = next with { State = DispatchState.Pending, Reason = $"sent again: the older profile of plan {send.PlanId} reached the charger after it" };
            return resend;
        }

        return next;
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Charger {ChargerId} of site {SiteId}: no answer on send {Unanswered} ({Reason}); sent again in {Delay}")]
    private static partial void LogRetry(ILogger logger, string chargerId, string siteId, int unanswered, string reason, TimeSpan delay);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Charger {ChargerId} of site {SiteId}: profile {State}: {Reason}")]
    private static partial void LogRefused(ILogger logger, string chargerId, string siteId, string state, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Charger {ChargerId} of site {SiteId}: the older profile of plan {Older} landed after plan {Newer}'s; the newer is sent again")]
    private static partial void LogOvertaken(ILogger logger, string chargerId, string siteId, string older, string newer);

    [LoggerMessage(Level = LogLevel.Error, Message = "Charger {ChargerId} of site {SiteId}: given up on its profile after no answer ({Reason})")]
    private static partial void LogGaveUp(ILogger logger, string chargerId, string siteId, string reason);

    // One message's send: which record, which plan, and who holds the lease.
    private sealed record Send(string SiteId, string ChargerId, string Purpose, string PlanId, string Owner);
}
