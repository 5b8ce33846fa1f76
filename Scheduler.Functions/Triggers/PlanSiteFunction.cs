using Azure.Storage.Queues.Models;
using Microsoft.Azure.Functions.Worker;
using Scheduler.Functions.Planning;
using Scheduler.Functions.Queues;

namespace Scheduler.Functions.Triggers;

/// <summary>Plans one site per message of the <c>plan-requests</c> queue; many sites are planned by many instances at once.</summary>
public sealed class PlanSiteFunction
{
    private readonly QueueMessageProcessor _processor;
    private readonly SitePlanner _planner;

    /// <summary>Creates the function.</summary>
    public PlanSiteFunction(QueueMessageProcessor processor, SitePlanner planner)
    {
        _processor = processor;
        _planner = planner;
    }

    /// <summary>Handles one message.</summary>
    [Function("PlanSite")]
    public Task Run([QueueTrigger(QueueNames.PlanRequests)] QueueMessage message, CancellationToken cancellationToken) =>
        _processor.ProcessAsync(QueueNames.PlanRequests, message, (text, _, token) => _planner.HandleAsync(text, token), cancellationToken);
}
