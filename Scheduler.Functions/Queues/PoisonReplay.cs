using Microsoft.Extensions.Logging;
using NodaTime;

namespace Scheduler.Functions.Queues;

/// <summary>
/// Sends poisoned messages back to their queue (the work of <c>ReplayPoison</c>), once their cause is fixed: a site
/// added, a producer corrected. A replayed message is processed anew, since refused messages are never marked
/// processed; one that fails again is recorded again. The text is sent as base64, so a message a producer sent
/// unencoded arrives readable.
/// </summary>
public sealed partial class PoisonReplay
{
    private readonly PoisonStore _poison;
    private readonly QueueSender _sender;
    private readonly IClock _clock;
    private readonly ILogger<PoisonReplay> _logger;

    /// <summary>Creates the replay.</summary>
    public PoisonReplay(PoisonStore poison, QueueSender sender, IClock clock, ILogger<PoisonReplay> logger)
    {
        _poison = poison;
        _sender = sender;
        _clock = clock;
        _logger = logger;
    }

    /// <summary>Handles one <c>poison-replay</c> message.</summary>
    public async Task<MessageOutcome> HandleAsync(string text, CancellationToken cancellationToken = default)
    {
        var read = PoisonReplayMessageReader.Read(text);
        if (!read.IsValid || read.Message is null)
        {
            return MessageOutcome.Refused(read.Errors);
        }

        var count = await ReplayAsync(read.Message.Queue, read.Message.MessageId, cancellationToken).ConfigureAwait(false);
        return MessageOutcome.Done($"{count} message(s) of {read.Message.Queue} replayed");
    }

    /// <summary>Re-sends the poisoned messages of <paramref name="queue"/> not replayed yet (or only <paramref name="messageId"/>); returns how many.</summary>
    public async Task<int> ReplayAsync(string queue, string? messageId, CancellationToken cancellationToken = default)
    {
        var records = (await _poison.ListAsync(queue, cancellationToken).ConfigureAwait(false))
            .Where(r => r.ReplayedAt is null && (messageId is null || r.MessageId == messageId))
            .ToList();
        foreach (var record in records)
        {
            await _sender.SendAsync(queue, record.Text, cancellationToken: cancellationToken).ConfigureAwait(false);
            await _poison.MarkReplayedAsync(queue, record.MessageId, _clock.GetCurrentInstant(), cancellationToken).ConfigureAwait(false);
            LogReplayed(_logger, record.MessageId, queue, record.Code);
        }

        return records.Count;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Message {MessageId} replayed to queue {Queue} (it was poisoned: {Code})")]
    private static partial void LogReplayed(ILogger logger, string messageId, string queue, string code);
}
