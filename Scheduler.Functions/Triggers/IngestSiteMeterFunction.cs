using Azure.Storage.Queues.Models;
using Microsoft.Azure.Functions.Worker;
using Scheduler.Functions.Ingest;
using Scheduler.Functions.Queues;

namespace Scheduler.Functions.Triggers;

/// <summary>Readings of the sites' own import meters, from the <c>site-meter</c> queue.</summary>
public sealed class IngestSiteMeterFunction
{
    private readonly QueueMessageProcessor _processor;
    private readonly SiteMeterIngest _ingest;

    /// <summary>Creates the function.</summary>
    public IngestSiteMeterFunction(QueueMessageProcessor processor, SiteMeterIngest ingest)
    {
        _processor = processor;
        _ingest = ingest;
    }

    /// <summary>Handles one message.</summary>
    [Function("IngestSiteMeter")]
    public Task Run([QueueTrigger(QueueNames.SiteMeter)] QueueMessage message, CancellationToken cancellationToken) =>
        _processor.ProcessAsync(QueueNames.SiteMeter, message, (text, _, token) => _ingest.HandleAsync(text, token), cancellationToken);
}
