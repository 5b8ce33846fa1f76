using NodaTime;
using Scheduler.Functions.Queues;
using Scheduler.Functions.Sites;

namespace Scheduler.Functions.Planning;

/// <summary>
/// Asks for a plan of every site (the work of <c>PlanAllSites</c>): one message per site, so that sites are
/// planned in parallel by as many instances as the queue calls for. Only fans out, quickly, and the message ids
/// derive from the timer's minute, so a timer that fires twice for one occurrence sends nothing twice.
/// </summary>
public sealed class SiteFanOut
{
    private readonly SiteStore _sites;
    private readonly PlanRequestQueue _planRequests;

    /// <summary>Creates the fan-out.</summary>
    public SiteFanOut(SiteStore sites, PlanRequestQueue planRequests)
    {
        _sites = sites;
        _planRequests = planRequests;
    }

    /// <summary>Requests a plan of every site for the timer occurrence at <paramref name="now"/>; returns how many.</summary>
    public async Task<int> RequestAllAsync(Instant now, CancellationToken cancellationToken = default)
    {
        var tick = Instant.FromUnixTimeSeconds(now.ToUnixTimeSeconds() / 60 * 60);
        var sites = await _sites.ListAsync(cancellationToken).ConfigureAwait(false);
        foreach (var site in sites)
        {
            await _planRequests.RequestScheduledAsync(site.Id, tick, cancellationToken).ConfigureAwait(false);
        }

        return sites.Count;
    }
}
