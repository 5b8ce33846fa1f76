using Azure.Storage.Queues.Models;
using Microsoft.Azure.Functions.Worker;
using Scheduler.Functions.Queues;
using Scheduler.Functions.Tariffs;

namespace Scheduler.Functions.Triggers;

/// <summary>Fetches one site's price feed per message of the <c>tariff-pulls</c> queue.</summary>
public sealed class PullSiteTariffFunction
{
    private readonly QueueMessageProcessor _processor;
    private readonly TariffPuller _puller;

    /// <summary>Creates the function.</summary>
    public PullSiteTariffFunction(QueueMessageProcessor processor, TariffPuller puller)
    {
        _processor = processor;
        _puller = puller;
    }

    /// <summary>Handles one message.</summary>
    [Function("PullSiteTariff")]
    public Task Run([QueueTrigger(QueueNames.TariffPulls)] QueueMessage message, CancellationToken cancellationToken) =>
        _processor.ProcessAsync(QueueNames.TariffPulls, message, (text, _, token) => _puller.HandleAsync(text, token), cancellationToken);
}
