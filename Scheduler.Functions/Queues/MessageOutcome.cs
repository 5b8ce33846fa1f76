using Scheduler.Protocols.Messages;

namespace Scheduler.Functions.Queues;

/// <summary>What a handler made of a message: done (with a note for the log and the inbox), or refused for good.</summary>
public sealed record MessageOutcome
{
    private MessageOutcome(string note, IReadOnlyList<MessageError> errors)
    {
        Note = note;
        Errors = errors;
    }

    /// <summary>What happened, in a few words.</summary>
    public string Note { get; }

    /// <summary>Why the message was refused; empty when it was processed.</summary>
    public IReadOnlyList<MessageError> Errors { get; }

    /// <summary>Whether the message was refused.</summary>
    public bool IsRefused => Errors.Count > 0;

    /// <summary>The message was processed (or found to need nothing).</summary>
    public static MessageOutcome Done(string note) => new(note, []);

    /// <summary>The message can never be processed: it goes to the poison queue with these reasons.</summary>
    public static MessageOutcome Refused(IReadOnlyList<MessageError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        return errors.Count > 0 ? new("refused", errors) : throw new ArgumentException("a refusal needs a reason", nameof(errors));
    }

    /// <summary>The message can never be processed, for one reason.</summary>
    public static MessageOutcome Refused(string code, string reason) => Refused([new MessageError(code, "$", reason)]);
}
