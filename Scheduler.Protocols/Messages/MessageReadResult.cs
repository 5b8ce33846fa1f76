using System.Diagnostics.CodeAnalysis;

namespace Scheduler.Protocols.Messages;

/// <summary>What a queue message reader made of a message: the message, or the errors that prevent it.</summary>
/// <typeparam name="T">The message record.</typeparam>
public sealed class MessageReadResult<T>
    where T : class
{
    private MessageReadResult(T? message, IReadOnlyList<MessageError> errors)
    {
        Message = message;
        Errors = errors;
    }

    /// <summary>The message read; null when there are errors.</summary>
    public T? Message { get; }

    /// <summary>The first problems found (at most 20), in message order; empty when the message is valid.</summary>
    public IReadOnlyList<MessageError> Errors { get; }

    /// <summary>True when the message was read into <see cref="Message"/>.</summary>
    [MemberNotNullWhen(true, nameof(Message))]
    public bool IsValid => Message is not null;

    /// <summary>A message read without error.</summary>
    public static MessageReadResult<T> Success(T message) => new(message, []);

    /// <summary>A message refused for <paramref name="errors"/>.</summary>
    public static MessageReadResult<T> Failure(IReadOnlyList<MessageError> errors) => new(null, errors);
}
