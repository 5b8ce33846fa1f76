using Azure.Storage.Queues.Models;
using Microsoft.Azure.Functions.Worker;
using Scheduler.Functions.Queues;

namespace Scheduler.Functions.Triggers;

/// <summary>Sends poisoned messages back to their queue, per operator message of the <c>poison-replays</c> queue.</summary>
public sealed class ReplayPoisonFunction
{
    private readonly QueueMessageProcessor _processor;
    private readonly PoisonReplay _replay;

    /// <summary>Creates the function.</summary>
    public ReplayPoisonFunction(QueueMessageProcessor processor, PoisonReplay replay)
    {
        _processor = processor;
        _replay = replay;
    }

    /// <summary>Handles one message.</summary>
    [Function("ReplayPoison")]
    public Task Run([QueueTrigger(QueueNames.PoisonReplays)] QueueMessage message, CancellationToken cancellationToken) =>
        _processor.ProcessAsync(QueueNames.PoisonReplays, message, (text, _, token) => _replay.HandleAsync(text, token), cancellationToken);
}
