using Scheduler.Functions.Queues;
using Scheduler.Functions.Sites;

namespace Scheduler.Functions.Ingest;

/// <summary>
/// Stores a site an operator added or changed (the work of <c>IngestSite</c>) and asks for its plan. A site too large
/// for a queue message comes as a blob of <c>site-documents</c> that the message names (see <see cref="SiteReference"/>).
/// </summary>
public sealed class SiteIngest
{
    private readonly SiteStore _sites;
    private readonly SiteDocuments _documents;
    private readonly PlanRequestQueue _planRequests;

    /// <summary>Creates the service.</summary>
    public SiteIngest(SiteStore sites, SiteDocuments documents, PlanRequestQueue planRequests)
    {
        _sites = sites;
        _documents = documents;
        _planRequests = planRequests;
    }

    /// <summary>Handles one <c>site</c> message.</summary>
    public async Task<MessageOutcome> HandleAsync(string text, string messageId, CancellationToken cancellationToken = default)
    {
        if (SiteReference.DocumentOf(text) is { } name)
        {
            string? document;
            try
            {
                document = await _documents.ReadAsync(name, cancellationToken).ConfigureAwait(false);
            }
            catch (InvalidDataException e)
            {
                return MessageOutcome.Refused("site.document-too-large", e.Message);
            }

            if (document is null)
            {
                // The upload may still be under way.
                return MessageOutcome.Deferred("site.document-missing", $"there is no site document '{name}' in the {Storage.BlobContainerNames.SiteDocuments} container");
            }

            text = document;
        }

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
