namespace Scheduler.Functions.Queues;

/// <summary>
/// A message that cannot be processed yet: thrown so that the Functions host delivers it again after host.json's
/// <c>visibilityTimeout</c>. Its last delivery is refused instead of thrown, so it never reaches the poison queue unexplained.
/// </summary>
public sealed class MessageDeferredException : Exception
{
    /// <summary>Creates the exception.</summary>
    public MessageDeferredException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public MessageDeferredException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public MessageDeferredException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
