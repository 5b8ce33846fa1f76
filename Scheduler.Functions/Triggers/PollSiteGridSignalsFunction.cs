using Azure.Storage.Queues.Models;
using Microsoft.Azure.Functions.Worker;
using Scheduler.Functions.Queues;
using Scheduler.Functions.Signals;

namespace Scheduler.Functions.Triggers;

/// <summary>Polls one site's OpenADR 3 VTN per message of the <c>vtn-polls</c> queue.</summary>
public sealed class PollSiteGridSignalsFunction
{
    private readonly QueueMessageProcessor _processor;
    private readonly GridSignalPoller _poller;

    /// <summary>Creates the function.</summary>
    public PollSiteGridSignalsFunction(QueueMessageProcessor processor, GridSignalPoller poller)
    {
        _processor = processor;
        _poller = poller;
    }

    /// <summary>Handles one message.</summary>
    [Function("PollSiteGridSignals")]
    public Task Run([QueueTrigger(QueueNames.VtnPolls)] QueueMessage message, CancellationToken cancellationToken) =>
        _processor.ProcessAsync(QueueNames.VtnPolls, message, (text, _, token) => _poller.HandleAsync(text, token), cancellationToken);
}
