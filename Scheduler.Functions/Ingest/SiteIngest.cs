using Scheduler.Functions.Queues;
using Scheduler.Functions.Sites;
using Scheduler.Protocols.Messages;

namespace Scheduler.Functions.Ingest;

/// <summary>Stores a site an operator added or changed (the work of <c>IngestSite</c>) and asks for its plan.</summary>
public sealed class SiteIngest
{
    private readonly SiteStore _sites;
    private readonly PlanRequestQueue _planRequests;

    /// <summary>Creates the service.</summary>
    public SiteIngest(SiteStore sites, PlanRequestQueue planRequests)
    {
        _sites = sites;
        _planRequests = planRequests;
    }

    /// <summary>Handles one <c>site</c> message.</summary>
    public async Task<MessageOutcome> HandleAsync(string text, string messageId, CancellationToken cancellationToken = default)
    {
        var read = SiteMessageReader.Read(text);
        if (!read.IsValid)
        {
            return MessageOutcome.Refused(read.Errors);
        }

        await _sites.UpsertAsync(read.Message, cancellationToken).ConfigureAwait(false);
        await _planRequests.RequestAsync(read.Message.Id, "site", messageId, cancellationToken).ConfigureAwait(false);
        return MessageOutcome.Done($"site {read.Message.Id} stored with {read.Message.Chargers.Count} charger(s); plan requested");
    }
}
