using Azure.Storage.Queues.Models;
using Microsoft.Azure.Functions.Worker;
using Scheduler.Functions.Queues;
using Scheduler.Functions.Vehicles;

namespace Scheduler.Functions.Triggers;

/// <summary>Carries out one step of a vehicle's plan through its maker's API per message of the <c>vehicle-commands</c> queue.</summary>
public sealed class VehicleCommandFunction
{
    private readonly QueueMessageProcessor _processor;
    private readonly VehicleDispatcher _dispatcher;

    /// <summary>Creates the function.</summary>
    public VehicleCommandFunction(QueueMessageProcessor processor, VehicleDispatcher dispatcher)
    {
        _processor = processor;
        _dispatcher = dispatcher;
    }

    /// <summary>Handles one message.</summary>
    [Function("VehicleCommand")]
    public Task Run([QueueTrigger(QueueNames.VehicleCommands)] QueueMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        return _processor.ProcessAsync(QueueNames.VehicleCommands, message, (text, _, token) => _dispatcher.HandleAsync(text, token), cancellationToken);
    }
}
