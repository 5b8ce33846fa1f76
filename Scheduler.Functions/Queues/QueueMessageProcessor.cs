using Azure.Storage.Queues.Models;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NodaTime;
using Scheduler.Functions.Configuration;
using Scheduler.Protocols.Messages;

namespace Scheduler.Functions.Queues;

/// <summary>
/// What every queue handler shares: read the envelope, skip a message already processed, run the handler, record a
/// message that can never be processed in the Poison table (at once, with its text and reason), deliver again one that
/// cannot be processed yet, and mark the message done. Exceptions (storage or network trouble) go back to the host,
/// which retries the message and moves it to its poison queue after its last try (from where <see cref="PoisonWatcher"/>
/// records it too).
/// </summary>
public sealed partial class QueueMessageProcessor
{
    private readonly MessageInbox _inbox;
    private readonly PoisonStore _poison;
    private readonly IClock _clock;
    private readonly QueueOptions _options;
    private readonly ILogger<QueueMessageProcessor> _logger;

    /// <summary>Creates the processor.</summary>
    public QueueMessageProcessor(MessageInbox inbox, PoisonStore poison, IClock clock, IOptions<QueueOptions> options, ILogger<QueueMessageProcessor> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _inbox = inbox;
        _poison = poison;
        _clock = clock;
        _options = options.Value;
        _logger = logger;
    }

    /// <summary>Processes one message of <paramref name="queue"/>.</summary>
    /// <param name="queue">The queue it came from.</param>
    /// <param name="message">The message as the trigger delivered it.</param>
    /// <param name="handle">Given the message text and its envelope, does the work.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>The outcome (a duplicate is "duplicate").</returns>
    /// <exception cref="MessageDeferredException">The message cannot be processed yet and has deliveries left.</exception>
    public async Task<MessageOutcome> ProcessAsync(
        string queue,
        QueueMessage message,
        Func<string, MessageEnvelope, CancellationToken, Task<MessageOutcome>> handle,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(handle);
        var text = message.Body?.ToString() ?? string.Empty;
        var envelope = MessageEnvelopeReader.Read(text);
        if (!envelope.IsValid || envelope.Message is null)
        {
            var refused = MessageOutcome.Refused(envelope.Errors);
            await PoisonAsync(queue, text, message.MessageId, refused, cancellationToken).ConfigureAwait(false);
            return refused;
        }

        var id = envelope.Message.Id;
        if (await _inbox.WasProcessedAsync(queue, id, cancellationToken).ConfigureAwait(false))
        {
            LogDuplicate(_logger, id, queue);
            return MessageOutcome.Done("duplicate");
        }

        var outcome = await handle(text, envelope.Message, cancellationToken).ConfigureAwait(false);
        if (outcome.IsDeferred)
        {
            if (message.DequeueCount < _options.MaxDequeueCount)
            {
                LogDeferred(_logger, id, queue, outcome.Errors[0].Message, message.DequeueCount, _options.MaxDequeueCount);
                throw new MessageDeferredException($"message {id} from queue {queue} cannot be processed yet: {outcome.Errors[0].Message}");
            }

            outcome = outcome.AsRefusal();
        }

        if (outcome.IsRefused)
        {
            // Not marked processed: once its cause is fixed, a replay of it must be processed, not skipped as a repeat.
            await PoisonAsync(queue, text, id, outcome, cancellationToken).ConfigureAwait(false);
            return outcome;
        }

        LogProcessed(_logger, id, queue, outcome.Note);
        await _inbox.MarkProcessedAsync(queue, id, _clock.GetCurrentInstant(), outcome.Note, cancellationToken).ConfigureAwait(false);
        return outcome;
    }

    private Task PoisonAsync(string queue, string text, string messageId, MessageOutcome outcome, CancellationToken cancellationToken)
    {
        var first = outcome.Errors[0];
        var reason = string.Join("; ", outcome.Errors.Select(e => e.Path is "$" or "" ? e.Message : $"{e.Path}: {e.Message}"));
        return _poison.RecordAsync(new PoisonRecord(queue, messageId, first.Code, reason, _clock.GetCurrentInstant(), text), cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Message {MessageId} from queue {Queue} was processed before; skipped")]
    private static partial void LogDuplicate(ILogger logger, string messageId, string queue);

    [LoggerMessage(Level = LogLevel.Information, Message = "Message {MessageId} from queue {Queue}: {Note}")]
    private static partial void LogProcessed(ILogger logger, string messageId, string queue, string note);

    [LoggerMessage(Level = LogLevel.Information, Message = "Message {MessageId} from queue {Queue} cannot be processed yet ({Reason}); delivery {Delivery} of {MaxDeliveries}, the queue delivers it again")]
    private static partial void LogDeferred(ILogger logger, string messageId, string queue, string reason, long delivery, int maxDeliveries);
}
