using Azure.Storage.Queues.Models;
using Microsoft.Azure.Functions.Worker;
using Scheduler.Functions.Dispatch;
using Scheduler.Functions.Queues;

namespace Scheduler.Functions.Triggers;

/// <summary>Sends one charger's profile to the CSMS per message of the <c>dispatch</c> queue.</summary>
public sealed class DispatchProfileFunction
{
    private readonly QueueMessageProcessor _processor;
    private readonly ProfileDispatcher _dispatcher;

    /// <summary>Creates the function.</summary>
    public DispatchProfileFunction(QueueMessageProcessor processor, ProfileDispatcher dispatcher)
    {
        _processor = processor;
        _dispatcher = dispatcher;
    }

    /// <summary>Handles one message.</summary>
    [Function("DispatchProfile")]
    public Task Run([QueueTrigger(QueueNames.Dispatch)] QueueMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        return _processor.ProcessAsync(QueueNames.Dispatch, message, (text, _, token) => _dispatcher.HandleAsync(text, token), cancellationToken);
    }
}
