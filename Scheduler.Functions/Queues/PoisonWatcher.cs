using System.Text;
using Azure;
using NodaTime;
using Scheduler.Protocols.Messages;

namespace Scheduler.Functions.Queues;

/// <summary>
/// Moves what the Functions host put in the poison queues into the Poison table (the work of <c>WatchPoison</c>):
/// messages whose every delivery failed, and messages the queue trigger could not decode, which the host moves there
/// without calling any function and so without a word in the log. Each gets a record with its text, so that it is
/// seen and can be replayed like the messages the handlers refused.
/// </summary>
public sealed class PoisonWatcher
{
    /// <summary>The most messages taken from one poison queue per run.</summary>
    public const int MaxMessagesPerQueue = 320;

    private const int ReceiveBatch = 32;

    private readonly RawQueueService _queues;
    private readonly PoisonStore _poison;
    private readonly IClock _clock;

    /// <summary>Creates the watcher.</summary>
    public PoisonWatcher(RawQueueService queues, PoisonStore poison, IClock clock)
    {
        _queues = queues;
        _poison = poison;
        _clock = clock;
    }

    /// <summary>Records and removes what waits in every poison queue; returns how many messages.</summary>
    public async Task<int> DrainAsync(CancellationToken cancellationToken = default)
    {
        var moved = 0;
        foreach (var queue in QueueNames.All)
        {
            moved += await DrainAsync(queue, cancellationToken).ConfigureAwait(false);
        }

        return moved;
    }

    private async Task<int> DrainAsync(string queue, CancellationToken cancellationToken)
    {
        var client = _queues.GetQueueClient(QueueNames.PoisonOf(queue));
        var moved = 0;
        while (moved < MaxMessagesPerQueue)
        {
            Azure.Storage.Queues.Models.QueueMessage[] batch;
            try
            {
                batch = (await client.ReceiveMessagesAsync(ReceiveBatch, TimeSpan.FromMinutes(5), cancellationToken).ConfigureAwait(false)).Value;
            }
            catch (RequestFailedException e) when (e.Status == 404)
            {
                // The host creates a poison queue when it first needs it.
                return moved;
            }

            foreach (var message in batch)
            {
                var (text, code, reason) = Decode(message.Body.ToString());
                var envelope = MessageEnvelopeReader.Read(text);
                var id = envelope.Message?.Id ?? message.MessageId;
                await _poison.RecordAsync(new PoisonRecord(queue, id, code, reason, _clock.GetCurrentInstant(), text), cancellationToken).ConfigureAwait(false);
                await client.DeleteMessageAsync(message.MessageId, message.PopReceipt, cancellationToken).ConfigureAwait(false);
                moved++;
            }

            if (batch.Length < ReceiveBatch)
            {
                break;
            }
        }

        return moved;
    }

    // The host copies a message to the poison queue as it was stored: base64 when it was readable at all.
    private static (string Text, string Code, string Reason) Decode(string stored)
    {
        try
        {
            var text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(Convert.FromBase64String(stored));
            return (text, PoisonRecord.HostGaveUp, "the Functions host gave up on it: its last delivery failed (the function's log has the errors)");
        }
        catch (Exception e) when (e is FormatException or DecoderFallbackException)
        {
            return (stored, PoisonRecord.NotBase64, "the queue trigger could not decode it: producers must write base64 (with Azure.Storage.Queues, QueueClientOptions.MessageEncoding = Base64); a replay sends it encoded");
        }
    }
}
