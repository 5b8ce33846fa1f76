using Azure.Storage.Queues.Models;
using Microsoft.Azure.Functions.Worker;
using Scheduler.Functions.Ingest;
using Scheduler.Functions.Queues;

namespace Scheduler.Functions.Triggers;

/// <summary>Sites added or changed by the operator, from the <c>sites</c> queue.</summary>
public sealed class IngestSiteFunction
{
    private readonly QueueMessageProcessor _processor;
    private readonly SiteIngest _ingest;

    /// <summary>Creates the function.</summary>
    public IngestSiteFunction(QueueMessageProcessor processor, SiteIngest ingest)
    {
        _processor = processor;
        _ingest = ingest;
    }

    /// <summary>Handles one message.</summary>
    [Function("IngestSite")]
    public Task Run([QueueTrigger(QueueNames.Sites)] QueueMessage message, CancellationToken cancellationToken) =>
        _processor.ProcessAsync(QueueNames.Sites, message, (text, envelope, token) => _ingest.HandleAsync(text, envelope.Id, token), cancellationToken);
}
