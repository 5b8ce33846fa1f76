using NodaTime;
using Scheduler.Functions.Queues;
using Scheduler.Functions.Sites;

namespace Scheduler.Functions.Planning;

/// <summary>
/// What the timers do (<c>PlanAllSites</c>, <c>PullTariffs</c>, <c>PollGridSignals</c>): read the site index and send one
/// message per site, so that the queue spreads the sites over as many instances as it calls for; no site's work runs
/// inside a timer. Message ids derive from the timer's minute, so a timer that fires twice sends nothing twice.
/// </summary>
public sealed class SiteFanOut
{
    // Sends in flight at once: at 10,000 sites a timer's fan-out takes seconds, not minutes.
    private const int ParallelSends = 16;

    private readonly SiteStore _sites;
    private readonly PlanRequestQueue _planRequests;
    private readonly QueueSender _sender;

    /// <summary>Creates the fan-out.</summary>
    public SiteFanOut(SiteStore sites, PlanRequestQueue planRequests, QueueSender sender)
    {
        _sites = sites;
        _planRequests = planRequests;
        _sender = sender;
    }

    /// <summary>Requests a plan of every site for the timer occurrence at <paramref name="now"/>; returns how many.</summary>
    public async Task<int> RequestAllAsync(Instant now, CancellationToken cancellationToken = default)
    {
        var tick = Tick(now);
        var sites = await _sites.ListAsync(cancellationToken).ConfigureAwait(false);
        await ForEachAsync(sites, site => _planRequests.RequestScheduledAsync(site.SiteId, tick, cancellationToken), cancellationToken).ConfigureAwait(false);
        return sites.Count;
    }

    /// <summary>Sends a <c>tariff-pulls</c> message for every site with a price feed; returns how many.</summary>
    public Task<int> PullTariffsAsync(Instant now, CancellationToken cancellationToken = default) =>
        PollAsync(QueueNames.TariffPulls, "tariff", s => s.HasTariffFeed, now, cancellationToken);

    /// <summary>Sends a <c>vtn-polls</c> message for every site with a VTN; returns how many.</summary>
    public Task<int> PollGridSignalsAsync(Instant now, CancellationToken cancellationToken = default) =>
        PollAsync(QueueNames.VtnPolls, "vtn", s => s.HasVtn, now, cancellationToken);

    private async Task<int> PollAsync(string queue, string kind, Func<SiteIndexEntry, bool> wanted, Instant now, CancellationToken cancellationToken)
    {
        var tick = Tick(now).ToUnixTimeSeconds();
        var sites = (await _sites.ListAsync(cancellationToken).ConfigureAwait(false)).Where(wanted).ToList();
        await ForEachAsync(
            sites,
            site => _sender.SendAsync(queue, new SitePollMessage(MessageIds.Bounded($"{kind}:{site.SiteId}:{tick}"), site.SiteId).ToJson(), cancellationToken: cancellationToken),
            cancellationToken).ConfigureAwait(false);
        return sites.Count;
    }

    private static Task ForEachAsync(IReadOnlyList<SiteIndexEntry> sites, Func<SiteIndexEntry, Task> send, CancellationToken cancellationToken) =>
        Parallel.ForEachAsync(sites, new ParallelOptions { MaxDegreeOfParallelism = ParallelSends, CancellationToken = cancellationToken }, (site, _) => new ValueTask(send(site)));

    private static Instant Tick(Instant now) => Instant.FromUnixTimeSeconds(now.ToUnixTimeSeconds() / 60 * 60);
}
