using Azure.Storage.Queues;

namespace Scheduler.Functions.Queues;

/// <summary>
/// The app's queues read as stored, without base64 decoding: the poison queues hold whatever producers sent,
/// including text the queue trigger could not decode, and a decoding client would silently pass over it.
/// </summary>
public sealed class RawQueueService
{
    private readonly QueueServiceClient _service;

    /// <summary>Wraps a service client whose <see cref="QueueClientOptions.MessageEncoding"/> is <see cref="QueueMessageEncoding.None"/>.</summary>
    public RawQueueService(QueueServiceClient service)
    {
        ArgumentNullException.ThrowIfNull(service);
        _service = service;
    }

    /// <summary>The client of one queue.</summary>
    public QueueClient GetQueueClient(string name) => _service.GetQueueClient(name);
}
