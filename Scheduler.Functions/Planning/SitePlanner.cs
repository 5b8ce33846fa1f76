using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NodaTime;
using NodaTime.Text;
using Scheduler.Functions.Billing;
using Scheduler.Functions.Configuration;
using Scheduler.Functions.Departures;
using Scheduler.Functions.Dispatch;
using Scheduler.Functions.Habits;
using Scheduler.Functions.Queues;
using Scheduler.Functions.Sessions;
using Scheduler.Functions.Sites;
using Scheduler.Optimizer.Solving;
using Scheduler.Protocols.Messages;
using Scheduler.Protocols.Ocpp;
using Scheduler.Protocols.Planning;
using Scheduler.Protocols.Plans;
using Scheduler.Protocols.Scenarios;

namespace Scheduler.Functions.Planning;

/// <summary>
/// Plans one site (the work of <c>PlanSite</c>): assembles its scenario from the tables, reads it with the CLI's
/// scenario reader, solves it within the configured time limit, stores the plan with its inputs, and queues a
/// dispatch for each charger whose profile changed. A stored plan whose dispatch was cut short (a crash) is
/// dispatched by the next request before anything else. A request is dropped when the site's latest plan already
/// read every change it was about: when the site's input version is still the one that plan read.
/// </summary>
public sealed partial class SitePlanner
{
    private readonly SiteStore _sites;
    private readonly SessionStore _sessions;
    private readonly DepartureStore _departures;
    private readonly PlanStore _plans;
    private readonly DispatchQueue _dispatch;
    private readonly ScenarioAssembler _assembler;
    private readonly SiteBilling _billing;
    private readonly VehicleHistoryStore _history;
    private readonly IClock _clock;
    private readonly PlanningOptions _options;
    private readonly ILogger<SitePlanner> _logger;

    /// <summary>Creates the planner.</summary>
    public SitePlanner(
        SiteStore sites,
        SessionStore sessions,
        DepartureStore departures,
        PlanStore plans,
        DispatchQueue dispatch,
        ScenarioAssembler assembler,
        SiteBilling billing,
        VehicleHistoryStore history,
        IClock clock,
        IOptions<PlanningOptions> options,
        ILogger<SitePlanner> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _sites = sites;
        _sessions = sessions;
        _departures = departures;
        _plans = plans;
        _dispatch = dispatch;
        _assembler = assembler;
        _billing = billing;
        _history = history;
        _clock = clock;
        _options = options.Value;
        _logger = logger;
    }

    /// <summary>Handles one <c>plan-request</c> message.</summary>
    public async Task<MessageOutcome> HandleAsync(string text, CancellationToken cancellationToken = default)
    {
        var read = PlanRequestMessageReader.Read(text);
        if (!read.IsValid || read.Message is null)
        {
            return MessageOutcome.Refused(read.Errors);
        }

        var request = read.Message;
        var latest = await _plans.GetLatestRowAsync(request.SiteId, cancellationToken).ConfigureAwait(false);
        var site = await _sites.GetAsync(request.SiteId, cancellationToken).ConfigureAwait(false);
        if (site is null)
        {
            return MessageOutcome.UnknownSite(request.SiteId);
        }

        var previous = latest is null ? null : await _plans.GetAsync(site.Id, latest.PlanId, latest.PlannedAt, cancellationToken).ConfigureAwait(false);
        if (latest is { DispatchPending: true } && previous is { } unfinished)
        {
            var resent = await _dispatch.QueueAsync(site.Id, latest.PlanId, latest.Order, PlannedProfiles.Read(unfinished.Json), cancellationToken).ConfigureAwait(false);
            await _plans.MarkDispatchedAsync(site.Id, latest, cancellationToken).ConfigureAwait(false);
            LogFinished(_logger, site.Id, latest.PlanId, resent);
        }

        if (latest?.RequestId == request.Id)
        {
            return MessageOutcome.Done($"already planned as {latest.PlanId}, and its dispatch is complete");
        }

        if (IsStale(latest, site, request))
        {
            return MessageOutcome.Done($"stale: site {request.SiteId}'s plan {latest!.PlanId} already read input version {latest.InputVersion}");
        }

        try
        {
            return await PlanAsync(site, request, latest, previous, cancellationToken).ConfigureAwait(false);
        }
        catch (SiteConfigurationException e)
        {
            return MessageOutcome.Refused("site.invalid", e.Message);
        }
    }

    // A change counts in the site's input version before its re-plan is asked for, and a plan records the version it read
    // before reading anything else: so the latest plan saw every change the request was about if the version has not moved
    // since. The timer's requests are about time passing and need a plan made since they were asked for.
    private static bool IsStale(LatestPlan? latest, SiteRecord site, PlanRequestMessage request) =>
        latest is not null
        && latest.InputVersion == site.InputVersion
        && (request.Reason != PlanRequestQueue.TimerReason || latest.PlannedAt >= request.RequestedAt);

    private async Task<MessageOutcome> PlanAsync(
        SiteRecord site, PlanRequestMessage request, LatestPlan? latest, (StoredPlan Plan, string Json)? previous, CancellationToken cancellationToken)
    {
        var plannedAt = _clock.GetCurrentInstant();
        var previousPlan = previous is { } p ? PreviousPlan.Read(p.Plan, p.Json) : PreviousPlan.None;

        // One read of the site's sessions for the whole plan. The drivers whose sessions ended since the latest plan are
        // learned from by this one, as the replay learns a session the moment it has ended.
        var sessions = await SiteSessions.ReadAsync(_sessions, site.Id, previousPlan.Inputs, cancellationToken).ConfigureAwait(false);
        await _history.RecordEndedAsync(site.Id, previousPlan.Inputs, sessions.Stopped, cancellationToken).ConfigureAwait(false);
        var assembled = await _assembler.AssembleAsync(site, plannedAt, previousPlan, sessions, request.Id, request.Reason, cancellationToken).ConfigureAwait(false);

        var scenario = ScenarioReader.Read(assembled.ScenarioJson);
        if (!scenario.IsValid || scenario.Problem is null)
        {
            throw new SiteConfigurationException(
                $"site '{site.Id}' does not make a valid scenario: " + string.Join("; ", scenario.Errors.Take(5).Select(e => $"{e.Path}: {e.Message}")));
        }

        var problem = scenario.Problem;
        var plan = ChargingSolver.Solve(problem, PlanningProblemBuilder.Options(new PlanningDefaults { SolverTimeLimit = _options.SolverTimeLimit }));
        var profileOptions = new ChargingProfileOptions
        {
            Version = OcppVersionOf(site),
            StackLevels = site.Chargers.ToDictionary(c => c.Id, c => c.StackLevel, StringComparer.Ordinal),
            EvseIds = site.Chargers.ToDictionary(c => c.Id, c => c.EvseId, StringComparer.Ordinal),
        };
        var profiles = ChargingProfileBuilder.Build(plan, problem, profileOptions);
        var planJson = PlanWriter.Write(plan, problem, profiles);

        var planId = string.Create(CultureInfo.InvariantCulture, $"{IdPattern.Format(plannedAt)}-{MessageIds.Hash(request.Id)[..8]}");
        var stored = new StoredPlan(planId, site.Id, plannedAt, plan.Status.ToString(), plan.Cost, problem.Tariff.Currency, assembled.Inputs.ToJson(), request.Id, site.InputVersion);
        var written = await _plans.SaveAsync(stored, planJson, latest, cancellationToken).ConfigureAwait(false);
        LogPlanned(_logger, site.Id, planId, plan.Status.ToString(), plan.Cost, problem.Sessions.Count, assembled.Inputs.PriceFallback);
        if (written is null)
        {
            return MessageOutcome.Done($"planned {planId}, but a newer plan was stored first: nothing dispatched");
        }

        var delivered = assembled.Inputs.Sessions.ToDictionary(s => s.SessionId, s => s.DeliveredKwh, StringComparer.Ordinal);
        var drawn = assembled.Sessions.Where(s => delivered.ContainsKey(s.Id)).Select(s => (s, delivered[s.Id])).ToList();
        await _sessions.UpdateEstimatesAsync(site.Id, drawn, plannedAt, cancellationToken).ConfigureAwait(false);

        // After the estimates moved on, so that a repeated request finds (almost) nothing new drawn: the site's import
        // per slot and the billing period's peaks, with what the sessions stopped since the latest plan drew up to their stop.
        await _billing.RecordAsync(site, problem.Site.TimeZone, [.. drawn, .. assembled.Stopped], plannedAt, cancellationToken).ConfigureAwait(false);
        await _departures.DeleteExpiredAsync(site.Id, assembled.Departures, assembled.Sessions, plannedAt, cancellationToken).ConfigureAwait(false);

        var queued = await _dispatch.QueueAsync(site.Id, planId, stored.Order, profiles, cancellationToken).ConfigureAwait(false);
        await _plans.MarkDispatchedAsync(site.Id, written, cancellationToken).ConfigureAwait(false);
        return MessageOutcome.Done($"planned {planId} ({plan.Status}), {queued} profile(s) queued for dispatch");
    }

    private static OcppVersion OcppVersionOf(SiteRecord site) => site.Settings.Csms?.OcppVersion switch
    {
        null or "2.0.1" => OcppVersion.V201,
        "1.6" => OcppVersion.V16,
        var other => throw new SiteConfigurationException($"site '{site.Id}' has the OCPP version '{other}'; expected 1.6 or 2.0.1"),
    };

    private static readonly InstantPattern IdPattern = InstantPattern.CreateWithInvariantCulture("uuuuMMdd'T'HHmmss'Z'");

    [LoggerMessage(Level = LogLevel.Warning, Message = "Site {SiteId}: plan {PlanId} was stored but not all of it dispatched; {Count} profile(s) sent now")]
    private static partial void LogFinished(ILogger logger, string siteId, string planId, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Site {SiteId}: plan {PlanId} {Status}, cost {Cost}, {Sessions} session(s), price fallback {PriceFallback}")]
    private static partial void LogPlanned(ILogger logger, string siteId, string planId, string status, double cost, int sessions, string priceFallback);
}
