using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NodaTime;
using NodaTime.Text;
using Scheduler.Functions.Configuration;
using Scheduler.Functions.Dispatch;
using Scheduler.Functions.Queues;
using Scheduler.Functions.Sessions;
using Scheduler.Functions.Sites;
using Scheduler.Optimizer.Solving;
using Scheduler.Protocols.Messages;
using Scheduler.Protocols.Ocpp;
using Scheduler.Protocols.Plans;
using Scheduler.Protocols.Scenarios;

namespace Scheduler.Functions.Planning;

/// <summary>
/// Plans one site (the work of <c>PlanSite</c>): assembles its scenario from the tables, reads it with the CLI's
/// scenario reader, solves it within the configured time limit, stores the plan with its inputs, and queues a
/// dispatch for each charger whose profile changed. A request older than the site's newest plan is dropped: that
/// plan already saw everything the request was about.
/// </summary>
public sealed partial class SitePlanner
{
    private readonly SiteStore _sites;
    private readonly SessionStore _sessions;
    private readonly PlanStore _plans;
    private readonly DispatchStore _dispatches;
    private readonly ScenarioAssembler _assembler;
    private readonly QueueSender _sender;
    private readonly IClock _clock;
    private readonly PlanningOptions _options;
    private readonly ILogger<SitePlanner> _logger;

    /// <summary>Creates the planner.</summary>
    public SitePlanner(
        SiteStore sites,
        SessionStore sessions,
        PlanStore plans,
        DispatchStore dispatches,
        ScenarioAssembler assembler,
        QueueSender sender,
        IClock clock,
        IOptions<PlanningOptions> options,
        ILogger<SitePlanner> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _sites = sites;
        _sessions = sessions;
        _plans = plans;
        _dispatches = dispatches;
        _assembler = assembler;
        _sender = sender;
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
        var latest = await _plans.LatestPlannedAtAsync(request.SiteId, cancellationToken).ConfigureAwait(false);
        // Strictly newer only: a plan made in the same instant as the change may not have seen it.
        if (latest is { } newest && newest > request.RequestedAt)
        {
            return MessageOutcome.Done($"stale: site {request.SiteId} was planned at {Format(newest)}, after the request");
        }

        var site = await _sites.GetAsync(request.SiteId, cancellationToken).ConfigureAwait(false);
        if (site is null)
        {
            return MessageOutcome.UnknownSite(request.SiteId);
        }

        try
        {
            return await PlanAsync(site, request, cancellationToken).ConfigureAwait(false);
        }
        catch (SiteConfigurationException e)
        {
            return MessageOutcome.Refused("site.invalid", e.Message);
        }
    }

    private async Task<MessageOutcome> PlanAsync(SiteRecord site, PlanRequestMessage request, CancellationToken cancellationToken)
    {
        var plannedAt = _clock.GetCurrentInstant();
        var previous = await _plans.GetLatestAsync(site.Id, cancellationToken).ConfigureAwait(false);
        var previousPlan = previous is { } p ? PlannedEnergy.Read(p.Json) : PlannedEnergy.None;
        var assembled = await _assembler.AssembleAsync(site, plannedAt, previousPlan, request.Id, request.Reason, cancellationToken).ConfigureAwait(false);

        var scenario = ScenarioReader.Read(assembled.ScenarioJson);
        if (!scenario.IsValid || scenario.Problem is null)
        {
            throw new SiteConfigurationException(
                $"site '{site.Id}' does not make a valid scenario: " + string.Join("; ", scenario.Errors.Take(5).Select(e => $"{e.Path}: {e.Message}")));
        }

        var problem = scenario.Problem;
        var plan = ChargingSolver.Solve(problem, new SolverOptions { TimeLimit = _options.SolverTimeLimit });
        var profileOptions = new ChargingProfileOptions
        {
            Version = OcppVersionOf(site),
            StackLevels = site.Chargers.ToDictionary(c => c.Id, c => c.StackLevel, StringComparer.Ordinal),
            EvseIds = site.Chargers.ToDictionary(c => c.Id, c => c.EvseId, StringComparer.Ordinal),
        };
        var profiles = ChargingProfileBuilder.Build(plan, problem, profileOptions);
        var planJson = PlanWriter.Write(plan, problem, profiles);

        var planId = string.Create(CultureInfo.InvariantCulture, $"{IdPattern.Format(plannedAt)}-{MessageIds.Hash(request.Id)[..8]}");
        var stored = new StoredPlan(planId, site.Id, plannedAt, plan.Status.ToString(), plan.Cost, problem.Tariff.Currency, assembled.Inputs.ToJson(), request.Id);
        var isLatest = await _plans.SaveAsync(stored, planJson, cancellationToken).ConfigureAwait(false);
        LogPlanned(_logger, site.Id, planId, plan.Status.ToString(), plan.Cost, problem.Sessions.Count, assembled.Inputs.PriceFallback);
        if (!isLatest)
        {
            return MessageOutcome.Done($"planned {planId}, but a newer plan was stored first: nothing dispatched");
        }

        foreach (var session in assembled.Inputs.Sessions)
        {
            await _sessions.UpdateEstimateAsync(site.Id, session.SessionId, session.DeliveredKwh, plannedAt, cancellationToken).ConfigureAwait(false);
        }

        var queued = await QueueChangedProfilesAsync(site, planId, plannedAt, profiles, profileOptions.Version, cancellationToken).ConfigureAwait(false);
        return MessageOutcome.Done($"planned {planId} ({plan.Status}), {queued} profile(s) queued for dispatch");
    }

    private async Task<int> QueueChangedProfilesAsync(
        SiteRecord site, string planId, Instant plannedAt, IReadOnlyList<ChargingProfile> profiles, OcppVersion version, CancellationToken cancellationToken)
    {
        var records = (await _dispatches.ListAsync(site.Id, cancellationToken).ConfigureAwait(false))
            .ToDictionary(r => (r.ChargerId, r.Purpose));
        var queued = 0;
        foreach (var profile in profiles.Where(p => p.IsDispatchable))
        {
            var purpose = profile.Purpose.ToString();
            if (records.TryGetValue((profile.ChargerId, purpose), out var record)
                && record.State is DispatchState.Pending or DispatchState.Accepted
                && record.SessionId == profile.SessionId
                && !ProfileChange.Differs(JsonNode.Parse(record.PayloadJson)!.AsObject(), profile.Payload, plannedAt))
            {
                continue;
            }

            var desired = new DispatchRecord
            {
                ChargerId = profile.ChargerId,
                Purpose = purpose,
                PlanId = planId,
                PlannedAt = plannedAt,
                SessionId = profile.SessionId,
                OcppVersion = version == OcppVersion.V16 ? "1.6" : "2.0.1",
                PayloadJson = profile.Payload.ToJsonString(),
            };
            if (!await _dispatches.SetDesiredAsync(site.Id, desired, cancellationToken).ConfigureAwait(false))
            {
                continue;
            }

            var message = new DispatchMessage(
                MessageIds.Bounded($"{planId}:{profile.ChargerId}:{purpose}"), site.Id, planId, profile.ChargerId, profile.Purpose, profile.SessionId);
            await _sender.SendAsync(QueueNames.Dispatch, QueueMessageWriter.Write(message), cancellationToken: cancellationToken).ConfigureAwait(false);
            queued++;
        }

        return queued;
    }

    private static OcppVersion OcppVersionOf(SiteRecord site) => site.Settings.Csms?.OcppVersion switch
    {
        null or "2.0.1" => OcppVersion.V201,
        "1.6" => OcppVersion.V16,
        var other => throw new SiteConfigurationException($"site '{site.Id}' has the OCPP version '{other}'; expected 1.6 or 2.0.1"),
    };

    private static readonly InstantPattern IdPattern = InstantPattern.CreateWithInvariantCulture("uuuuMMdd'T'HHmmss'Z'");

    private static string Format(Instant instant) => InstantPattern.ExtendedIso.Format(instant);

    [LoggerMessage(Level = LogLevel.Information, Message = "Site {SiteId}: plan {PlanId} {Status}, cost {Cost}, {Sessions} session(s), price fallback {PriceFallback}")]
    private static partial void LogPlanned(ILogger logger, string siteId, string planId, string status, double cost, int sessions, string priceFallback);
}
