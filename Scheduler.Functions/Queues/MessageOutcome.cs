using Scheduler.Protocols.Messages;

namespace Scheduler.Functions.Queues;

/// <summary>
/// What a handler made of a message: done (with a note for the log and the inbox), refused for good, or not yet
/// (it names something that may still arrive, such as a site whose own message is in flight on another queue).
/// </summary>
public sealed record MessageOutcome
{
    private MessageOutcome(string note, IReadOnlyList<MessageError> errors, bool isDeferred)
    {
        Note = note;
        Errors = errors;
        IsDeferred = isDeferred;
    }

    /// <summary>What happened, in a few words.</summary>
    public string Note { get; }

    /// <summary>Why the message was refused or deferred; empty when it was processed.</summary>
    public IReadOnlyList<MessageError> Errors { get; }

    /// <summary>Whether the message was refused for good.</summary>
    public bool IsRefused => Errors.Count > 0 && !IsDeferred;

    /// <summary>Whether the message should come again later; on its last delivery it is refused with <see cref="Errors"/>.</summary>
    public bool IsDeferred { get; }

    /// <summary>The message was processed (or found to need nothing).</summary>
    public static MessageOutcome Done(string note) => new(note, [], false);

    /// <summary>The message can never be processed: it is recorded in the Poison table with these reasons.</summary>
    public static MessageOutcome Refused(IReadOnlyList<MessageError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        return errors.Count > 0 ? new("refused", errors, false) : throw new ArgumentException("a refusal needs a reason", nameof(errors));
    }

    /// <summary>The message can never be processed, for one reason.</summary>
    public static MessageOutcome Refused(string code, string reason) => Refused([new MessageError(code, "$", reason)]);

    /// <summary>The message cannot be processed yet, for this reason; it is refused with it if it still cannot be on its last delivery.</summary>
    public static MessageOutcome Deferred(string code, string reason) => new("deferred", [new MessageError(code, "$", reason)], true);

    /// <summary>
    /// A message about a site the app does not know: deferred, because queues are not ordered against each other and the
    /// site's own message may still be on its way; refused as <c>site.unknown</c> if the site is still missing on its last delivery.
    /// </summary>
    public static MessageOutcome UnknownSite(string siteId) => Deferred("site.unknown", $"there is no site '{siteId}'");

    /// <summary>The refusal of a message that was deferred until its last delivery.</summary>
    public MessageOutcome AsRefusal() => IsDeferred ? Refused(Errors) : this;
}
