using Azure.Storage.Queues.Models;
using Microsoft.Azure.Functions.Worker;
using Scheduler.Functions.Ingest;
using Scheduler.Functions.Queues;

namespace Scheduler.Functions.Triggers;

/// <summary>Driver apps' departure times and energy, from the <c>departures</c> queue.</summary>
public sealed class IngestDepartureFunction
{
    private readonly QueueMessageProcessor _processor;
    private readonly DepartureIngest _ingest;

    /// <summary>Creates the function.</summary>
    public IngestDepartureFunction(QueueMessageProcessor processor, DepartureIngest ingest)
    {
        _processor = processor;
        _ingest = ingest;
    }

    /// <summary>Handles one message.</summary>
    [Function("IngestDeparture")]
    public Task Run([QueueTrigger(QueueNames.Departures)] QueueMessage message, CancellationToken cancellationToken) =>
        _processor.ProcessAsync(QueueNames.Departures, message, (text, _, token) => _ingest.HandleAsync(text, token), cancellationToken);
}
