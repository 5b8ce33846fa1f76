using System.Text;
using Azure.Storage.Queues;
using Scheduler.Functions.Storage;

namespace Scheduler.Functions.Queues;

/// <summary>Sends messages to the app's queues (base64, as the queue trigger expects), each queue created on first use.</summary>
public sealed class QueueSender
{
    /// <summary>The largest message text sent, in UTF-8 bytes: 64 KiB once base64-encoded.</summary>
    public const int MaxMessageBytes = 48 * 1024;

    private readonly QueueServiceClient _service;
    private readonly CreatedOnce<QueueClient> _queues;

    /// <summary>Creates the sender; the service client must encode messages as base64.</summary>
    public QueueSender(QueueServiceClient service)
    {
        ArgumentNullException.ThrowIfNull(service);
        _service = service;
        _queues = new CreatedOnce<QueueClient>(CreateAsync);
    }

    /// <summary>Sends one message.</summary>
    /// <param name="queue">The queue's name.</param>
    /// <param name="text">The message (JSON).</param>
    /// <param name="visibilityDelay">How long it stays invisible; null to deliver at once.</param>
    /// <param name="cancellationToken">Cancels the send.</param>
    /// <exception cref="ArgumentException">The message is too large for a queue.</exception>
    public async Task SendAsync(string queue, string text, TimeSpan? visibilityDelay = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(text);
        var bytes = Encoding.UTF8.GetByteCount(text);
        if (bytes > MaxMessageBytes)
        {
            throw new ArgumentException($"a {bytes}-byte message does not fit a queue message ({MaxMessageBytes} bytes at most); send ids, not documents", nameof(text));
        }

        var client = await GetAsync(queue, cancellationToken).ConfigureAwait(false);
        await client.SendMessageAsync(text, visibilityDelay, timeToLive: null, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The client of a queue, which exists once the task completes (see <see cref="CreatedOnce{T}"/>).</summary>
    public Task<QueueClient> GetAsync(string queue, CancellationToken cancellationToken = default) => _queues.GetAsync(queue, cancellationToken);

    private async Task<QueueClient> CreateAsync(string name, CancellationToken cancellationToken)
    {
        var client = _service.GetQueueClient(name);
        await client.CreateIfNotExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        return client;
    }
}
