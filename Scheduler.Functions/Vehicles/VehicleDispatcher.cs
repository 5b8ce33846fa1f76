using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NodaTime;
using Scheduler.Functions.Planning;
using Scheduler.Functions.Queues;
using Scheduler.Functions.Sessions;
using Scheduler.Functions.Sites;
using Scheduler.Protocols.Messages;

namespace Scheduler.Functions.Vehicles;

/// <summary>
/// Carries out one step of a plan for a vehicle commanded through its maker's API (the work of <c>VehicleCommand</c>).
/// The guarantees of the CSMS path: only the newest plan's steps run (an older plan's are dropped), no command goes
/// to a session that has ended, every step is safe to repeat (the vehicle is read first and told only what differs),
/// a vehicle that does not answer is tried again with backoff, and after <see cref="VehicleOptions.MaxAttempts"/>
/// tries its charger is held and the site is planned without it. Each read goes into the session as a meter value.
/// </summary>
public sealed partial class VehicleDispatcher
{
    private readonly SiteStore _sites;
    private readonly SessionStore _sessions;
    private readonly PlanStore _plans;
    private readonly VehicleCommandQueue _queue;
    private readonly PlanRequestQueue _planRequests;
    private readonly IVehicleClient _client;
    private readonly IConfiguration _configuration;
    private readonly IClock _clock;
    private readonly VehicleOptions _options;
    private readonly ILogger<VehicleDispatcher> _logger;

    /// <summary>Creates the dispatcher.</summary>
    public VehicleDispatcher(
        SiteStore sites,
        SessionStore sessions,
        PlanStore plans,
        VehicleCommandQueue queue,
        PlanRequestQueue planRequests,
        IVehicleClient client,
        IConfiguration configuration,
        IClock clock,
        IOptions<VehicleOptions> options,
        ILogger<VehicleDispatcher> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _sites = sites;
        _sessions = sessions;
        _plans = plans;
        _queue = queue;
        _planRequests = planRequests;
        _client = client;
        _configuration = configuration;
        _clock = clock;
        _options = options.Value;
        _logger = logger;
    }

    /// <summary>Handles one <c>vehicle-command</c> message.</summary>
    public async Task<MessageOutcome> HandleAsync(string text, CancellationToken cancellationToken = default)
    {
        var read = VehicleCommandMessageReader.Read(text);
        if (!read.IsValid || read.Message is null)
        {
            return MessageOutcome.Refused(read.Errors);
        }

        var step = read.Message;
        var now = _clock.GetCurrentInstant();
        if (step.DueAt > now + Duration.FromSeconds(1))
        {
            // Delivered early (a queue holds a message back at most 7 days): back into the queue until it is due.
            await _queue.QueueAsync(step, step.DueAt, cancellationToken).ConfigureAwait(false);
            return MessageOutcome.Done($"not due until {step.DueAt}");
        }

        var latest = await _plans.GetLatestRowAsync(step.SiteId, cancellationToken).ConfigureAwait(false);
        if (latest?.PlanId != step.PlanId)
        {
            return MessageOutcome.Done($"superseded by plan {latest?.PlanId}: its own steps run instead");
        }

        var session = await _sessions.GetAsync(step.SiteId, step.SessionId, cancellationToken).ConfigureAwait(false);
        if (session is not { IsActive: true })
        {
            return MessageOutcome.Done($"session {step.SessionId} has ended: no command");
        }

        var site = await _sites.GetHeaderAsync(step.SiteId, cancellationToken).ConfigureAwait(false);
        if (site is null || VehicleAccounts.ApiRoute(site.Settings, session.VehicleId) is not { } route)
        {
            return MessageOutcome.Done($"vehicle {session.VehicleId} is not on the vehicle path of site {step.SiteId}");
        }

        if (VehicleAccounts.Resolve(site.Id, site.Settings, _configuration, out var problem) is not { } account)
        {
            return MessageOutcome.Refused("vehicle.account", problem!);
        }

        var (_, planJson) = (await _plans.GetAsync(site.Id, latest.PlanId, latest.PlannedAt, cancellationToken).ConfigureAwait(false))!.Value;
        var steps = VehiclePlanSteps.Read(planJson, session.Id);
        var outcome = await BringToPlanAsync(account, route.ApiVehicleId, site.Id, session, steps.CurrentAt(now), cancellationToken).ConfigureAwait(false);
        return await FollowUpAsync(step, session, steps, outcome, now, cancellationToken).ConfigureAwait(false);
    }

    // Read first, then only what differs: a step repeated (a redelivery, a retry) sends nothing the vehicle already does.
    private async Task<VehicleOutcome> BringToPlanAsync(VehicleAccount account, string vehicleId, string siteId, SessionRecord session, int currentA, CancellationToken cancellationToken)
    {
        var read = await _client.ReadStateAsync(account, vehicleId, cancellationToken).ConfigureAwait(false);
        if (read.State is not { } state)
        {
            return read;
        }

        await _sessions.ApplyVehicleReadingAsync(siteId, session.Id, state.EnergyAddedKwh, state.PowerKw * 1000, state.StateOfChargePercent, state.ReadAt, cancellationToken).ConfigureAwait(false);
        if (currentA <= 0)
        {
            return state.Charging ? await _client.StopChargingAsync(account, vehicleId, cancellationToken).ConfigureAwait(false) : VehicleOutcome.Done;
        }

        if (!state.PluggedIn)
        {
            return new VehicleOutcome(VehicleOutcomeKind.Refused, "the vehicle is not plugged in");
        }

        if ((int)state.RequestedCurrentA != currentA)
        {
            var set = await _client.SetChargingCurrentAsync(account, vehicleId, currentA, cancellationToken).ConfigureAwait(false);
            if (!set.IsDone)
            {
                return set;
            }
        }

        return state.Charging ? VehicleOutcome.Done : await _client.StartChargingAsync(account, vehicleId, cancellationToken).ConfigureAwait(false);
    }

    private async Task<MessageOutcome> FollowUpAsync(VehicleCommandMessage step, SessionRecord session, VehiclePlanSteps steps, VehicleOutcome outcome, Instant now, CancellationToken cancellationToken)
    {
        switch (outcome.Kind)
        {
            case VehicleOutcomeKind.Done:
            case VehicleOutcomeKind.Refused:
                // A refusal would be refused again: it is logged, and the plan's next change is still sent when due.
                if (outcome.Kind == VehicleOutcomeKind.Refused)
                {
                    LogRefused(_logger, step.SiteId, step.SessionId, outcome.Reason ?? "refused");
                }

                if (steps.NextChange(now) is { } next)
                {
                    await _queue.QueueAsync(step.SiteId, step.PlanId, step.SessionId, next, 0, cancellationToken).ConfigureAwait(false);
                }

                return MessageOutcome.Done($"{(outcome.IsDone ? "at" : "refused (" + outcome.Reason + "), meant")} {steps.CurrentAt(now)} A; next change {steps.NextChange(now)?.ToString() ?? "none"}");
            case VehicleOutcomeKind.Asleep:
                return await RetryAsync(step, session, outcome, _options.WakeDelay, cancellationToken).ConfigureAwait(false);
            case VehicleOutcomeKind.RateLimited:
                return await RetryAsync(step, session, outcome, outcome.RetryAfter ?? _options.RetryDelay, cancellationToken).ConfigureAwait(false);
            default:
                var backoff = TimeSpan.FromTicks(Math.Min(_options.MaxRetryDelay.Ticks, _options.RetryDelay.Ticks * (1L << Math.Min(step.Attempt, 20))));
                return await RetryAsync(step, session, outcome, backoff, cancellationToken).ConfigureAwait(false);
        }
    }

    // The same step again after a wait; past the last try the vehicle is unreachable: its charger is held and the site re-planned.
    private async Task<MessageOutcome> RetryAsync(VehicleCommandMessage step, SessionRecord session, VehicleOutcome outcome, TimeSpan wait, CancellationToken cancellationToken)
    {
        var attempt = step.Attempt + 1;
        if (attempt >= _options.MaxAttempts)
        {
            var now = _clock.GetCurrentInstant();
            var reason = $"vehicle {session.VehicleId} unreachable through its API: {outcome.Reason}";
            await _sites.HoldChargerAsync(step.SiteId, session.ChargerId, session.TransactionId, reason, now, cancellationToken).ConfigureAwait(false);
            await _planRequests.RequestAsync(step.SiteId, "vehicle-unreachable", step.Id, cancellationToken).ConfigureAwait(false);
            LogUnreachable(_logger, step.SiteId, step.SessionId, attempt, outcome.Reason ?? "no answer");
            return MessageOutcome.Done($"given up after {attempt} tries: {reason}; planned without it");
        }

        // The try is due after its wait; its id stays that of the step, so a redelivered step queues the same try once.
        var retryAt = _clock.GetCurrentInstant() + Duration.FromTimeSpan(wait);
        var retry = new VehicleCommandMessage(
            MessageIds.Bounded($"{step.Id.Split('~')[0]}~{attempt}"), step.SiteId, step.PlanId, step.SessionId, retryAt, attempt);
        await _queue.QueueAsync(retry, retryAt, cancellationToken).ConfigureAwait(false);
        return MessageOutcome.Done($"{outcome.Kind}: {outcome.Reason}; try {attempt + 1} in {wait}");
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Site {SiteId}: the vehicle of session {SessionId} refused its command ({Reason})")]
    private static partial void LogRefused(ILogger logger, string siteId, string sessionId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Site {SiteId}: the vehicle of session {SessionId} did not answer {Attempts} tries ({Reason}); its charger is held")]
    private static partial void LogUnreachable(ILogger logger, string siteId, string sessionId, int attempts, string reason);
}
