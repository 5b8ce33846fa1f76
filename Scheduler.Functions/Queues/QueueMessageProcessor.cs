using Azure.Storage.Queues.Models;
using Microsoft.Extensions.Logging;
using NodaTime;
using Scheduler.Protocols.Messages;

namespace Scheduler.Functions.Queues;

/// <summary>
/// What every queue handler shares: read the envelope, skip a message already processed, run the handler, poison a
/// message that can never be processed (at once, with its reason), and record the message as done. Exceptions
/// (storage or network trouble) go back to the host, which retries the message and poisons it after its last try.
/// </summary>
public sealed partial class QueueMessageProcessor
{
    private readonly MessageInbox _inbox;
    private readonly PoisonQueue _poison;
    private readonly IClock _clock;
    private readonly ILogger<QueueMessageProcessor> _logger;

    /// <summary>Creates the processor.</summary>
    public QueueMessageProcessor(MessageInbox inbox, PoisonQueue poison, IClock clock, ILogger<QueueMessageProcessor> logger)
    {
        _inbox = inbox;
        _poison = poison;
        _clock = clock;
        _logger = logger;
    }

    /// <summary>Processes one message of <paramref name="queue"/>.</summary>
    /// <param name="queue">The queue it came from.</param>
    /// <param name="message">The message as the trigger delivered it.</param>
    /// <param name="handle">Given the message text and its envelope, does the work.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>The outcome (a duplicate is "duplicate").</returns>
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
        if (outcome.IsRefused)
        {
            await PoisonAsync(queue, text, id, outcome, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            LogProcessed(_logger, id, queue, outcome.Note);
        }

        await _inbox.MarkProcessedAsync(queue, id, _clock.GetCurrentInstant(), outcome.IsRefused ? "poisoned" : outcome.Note, cancellationToken).ConfigureAwait(false);
        return outcome;
    }

    private Task PoisonAsync(string queue, string text, string messageId, MessageOutcome outcome, CancellationToken cancellationToken)
    {
        var first = outcome.Errors[0];
        var reason = string.Join("; ", outcome.Errors.Select(e => e.Path is "$" or "" ? e.Message : $"{e.Path}: {e.Message}"));
        return _poison.PoisonAsync(queue, text, new PoisonRecord(queue, messageId, first.Code, reason, _clock.GetCurrentInstant()), cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Message {MessageId} from queue {Queue} was processed before; skipped")]
    private static partial void LogDuplicate(ILogger logger, string messageId, string queue);

    [LoggerMessage(Level = LogLevel.Information, Message = "Message {MessageId} from queue {Queue}: {Note}")]
    private static partial void LogProcessed(ILogger logger, string messageId, string queue, string note);
}
