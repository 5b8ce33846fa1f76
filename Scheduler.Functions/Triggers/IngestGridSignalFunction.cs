using Azure.Storage.Queues.Models;
using Microsoft.Azure.Functions.Worker;
using Scheduler.Functions.Ingest;
using Scheduler.Functions.Queues;

namespace Scheduler.Functions.Triggers;

/// <summary>OpenADR 3 events, from the <c>grid-signals</c> queue (fed by <c>PollGridSignals</c> or pushed by an integration).</summary>
public sealed class IngestGridSignalFunction
{
    private readonly QueueMessageProcessor _processor;
    private readonly GridSignalIngest _ingest;

    /// <summary>Creates the function.</summary>
    public IngestGridSignalFunction(QueueMessageProcessor processor, GridSignalIngest ingest)
    {
        _processor = processor;
        _ingest = ingest;
    }

    /// <summary>Handles one message.</summary>
    [Function("IngestGridSignal")]
    public Task Run([QueueTrigger(QueueNames.GridSignals)] QueueMessage message, CancellationToken cancellationToken) =>
        _processor.ProcessAsync(QueueNames.GridSignals, message, (text, _, token) => _ingest.HandleAsync(text, token), cancellationToken);
}
