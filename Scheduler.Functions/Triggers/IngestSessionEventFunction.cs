using Azure.Storage.Queues.Models;
using Microsoft.Azure.Functions.Worker;
using Scheduler.Functions.Ingest;
using Scheduler.Functions.Queues;

namespace Scheduler.Functions.Triggers;

/// <summary>The CSMS's session started / meter values / stopped events, from the <c>session-events</c> queue.</summary>
public sealed class IngestSessionEventFunction
{
    private readonly QueueMessageProcessor _processor;
    private readonly SessionEventIngest _ingest;

    /// <summary>Creates the function.</summary>
    public IngestSessionEventFunction(QueueMessageProcessor processor, SessionEventIngest ingest)
    {
        _processor = processor;
        _ingest = ingest;
    }

    /// <summary>Handles one message.</summary>
    [Function("IngestSessionEvent")]
    public Task Run([QueueTrigger(QueueNames.SessionEvents)] QueueMessage message, CancellationToken cancellationToken) =>
        _processor.ProcessAsync(QueueNames.SessionEvents, message, (text, _, token) => _ingest.HandleAsync(text, token), cancellationToken);
}
