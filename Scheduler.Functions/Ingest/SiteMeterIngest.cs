using Scheduler.Functions.Billing;
using Scheduler.Functions.Queues;
using Scheduler.Functions.Sites;
using Scheduler.Protocols.Messages;

namespace Scheduler.Functions.Ingest;

/// <summary>
/// Stores a reading of a site's own import meter (the work of <c>IngestSiteMeter</c>). The next plans count the slots it
/// covers from it instead of the chargers' meter sums; a site with a demand charge is planned again, as a closed slot
/// may have raised its billing period's peak.
/// </summary>
public sealed class SiteMeterIngest
{
    private readonly SiteStore _sites;
    private readonly SiteMeterStore _readings;
    private readonly PlanRequestQueue _planRequests;

    /// <summary>Creates the service.</summary>
    public SiteMeterIngest(SiteStore sites, SiteMeterStore readings, PlanRequestQueue planRequests)
    {
        _sites = sites;
        _readings = readings;
        _planRequests = planRequests;
    }

    /// <summary>Handles one <c>site-meter</c> message.</summary>
    public async Task<MessageOutcome> HandleAsync(string text, CancellationToken cancellationToken = default)
    {
        var read = SiteMeterMessageReader.Read(text);
        if (!read.IsValid || read.Message is null)
        {
            return MessageOutcome.Refused(read.Errors);
        }

        var reading = read.Message;
        if (await _sites.GetHeaderAsync(reading.SiteId, cancellationToken).ConfigureAwait(false) is not { } site)
        {
            return MessageOutcome.UnknownSite(reading.SiteId);
        }

        await _readings.SaveAsync(reading, cancellationToken).ConfigureAwait(false);
        if (site.Settings.DemandChargePerKw <= 0)
        {
            return MessageOutcome.Done($"site {reading.SiteId}: meter reading of {MessageTime.Format(reading.Timestamp)} stored; no demand charge, no re-plan");
        }

        await _planRequests.RequestAsync(reading.SiteId, "site-meter", reading.Id, cancellationToken).ConfigureAwait(false);
        return MessageOutcome.Done($"site {reading.SiteId}: meter reading of {MessageTime.Format(reading.Timestamp)} stored; re-plan requested");
    }
}
