using Azure;
using Azure.Core;
using Scheduler.Functions.Queues;
using Scheduler.Functions.Storage;
using Scheduler.Tests.Storage;

namespace Scheduler.Tests.Functions.Queues;

[Collection("Azurite")]
public sealed class QueueSenderTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task SendAsync_QueueCreationFailsOnEveryAttempt_TheNextSendCreatesItAndDelivers()
    {
        var (sender, probe) = Create();
        var queue = azurite.UniqueName("forbidden");
        probe.Fail(c => c.IsCreate, 503, "ServerBusy", CreatedOnce<object>.Attempts);

        await Assert.ThrowsAsync<RequestFailedException>(() => sender.SendAsync(queue, "{}"));
        await sender.SendAsync(queue, "{\"n\":2}");

        var received = await azurite.CreateQueueService().GetQueueClient(queue).ReceiveMessageAsync();
        Assert.Equal("{\"n\":2}", received.Value.MessageText);
    }

    [Fact]
    public async Task SendAsync_FirstSenderCancelledWhileCreating_TheNextSendDelivers()
    {
        var (sender, probe) = Create();
        var queue = azurite.UniqueName("cancelled");
        var gate = probe.Pause(c => c.IsCreate);
        using var cancel = new CancellationTokenSource();

        var first = sender.SendAsync(queue, "{\"n\":1}", cancellationToken: cancel.Token);
        await gate.Reached;
        cancel.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => first);
        var second = sender.SendAsync(queue, "{\"n\":2}");
        gate.Open();
        await second;

        var received = await azurite.CreateQueueService().GetQueueClient(queue).ReceiveMessageAsync();
        Assert.Equal("{\"n\":2}", received.Value.MessageText);
    }

    private (QueueSender Sender, StorageProbe Probe) Create()
    {
        var probe = new StorageProbe();
        var service = StorageConnection.FromConnectionString(azurite.ConnectionString)
            .CreateQueueService(o => o.AddPolicy(probe.For("queue"), HttpPipelinePosition.PerCall));
        return (new QueueSender(service), probe);
    }
}
