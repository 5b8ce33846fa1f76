using Microsoft.Extensions.Options;
using NodaTime;
using Scheduler.Functions.Configuration;
using Scheduler.Functions.Sites;
using Scheduler.Protocols.Messages;

namespace Scheduler.Functions.Queues;

/// <summary>Asks for a site to be planned: one <c>plan-request</c> message, whose id derives from its cause so that a repeat is recognised.</summary>
public sealed class PlanRequestQueue
{
    /// <summary>The reason of the timer's requests: time has passed, whatever the inputs.</summary>
    public const string TimerReason = "timer";

    private readonly QueueSender _sender;
    private readonly SiteStore _sites;
    private readonly IClock _clock;
    private readonly PlanningOptions _options;

    /// <summary>Creates the queue.</summary>
    public PlanRequestQueue(QueueSender sender, SiteStore sites, IClock clock, IOptions<PlanningOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _sender = sender;
        _sites = sites;
        _clock = clock;
        _options = options.Value;
    }

    /// <summary>
    /// Asks for a re-plan because an input of the site changed, after the re-plan delay. Call it once the change is
    /// stored: it counts the change in the site's input version first, so that the planner can tell whether its latest
    /// plan already read it. Calling it again for the same cause (a redelivery) is harmless.
    /// </summary>
    /// <param name="siteId">The site.</param>
    /// <param name="reason">What changed (site, departure, session-event, grid-signal, tariff, dispatch-rejected).</param>
    /// <param name="causeId">The id of the message (or event) that caused it.</param>
    /// <param name="cancellationToken">Cancels the send.</param>
    public async Task RequestAsync(string siteId, string reason, string causeId, CancellationToken cancellationToken = default)
    {
        await _sites.BumpInputVersionAsync(siteId, cancellationToken).ConfigureAwait(false);
        await SendAsync(siteId, reason, $"{reason}:{causeId}", _clock.GetCurrentInstant(), _options.ReplanDelay, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Asks for the timer's plan of a site, at once.</summary>
    /// <param name="siteId">The site.</param>
    /// <param name="tick">The timer's occurrence: a repeated firing of the same occurrence sends the same message id.</param>
    /// <param name="cancellationToken">Cancels the send.</param>
    public Task RequestScheduledAsync(string siteId, Instant tick, CancellationToken cancellationToken = default) =>
        SendAsync(siteId, TimerReason, $"{TimerReason}:{siteId}:{tick.ToUnixTimeSeconds()}", _clock.GetCurrentInstant(), null, cancellationToken);

    private Task SendAsync(string siteId, string reason, string id, Instant requestedAt, TimeSpan? delay, CancellationToken cancellationToken)
    {
        var message = new PlanRequestMessage(MessageIds.Bounded(id), siteId, requestedAt, reason);
        return _sender.SendAsync(QueueNames.PlanRequests, QueueMessageWriter.Write(message), delay is { } d && d > TimeSpan.Zero ? d : null, cancellationToken);
    }
}
