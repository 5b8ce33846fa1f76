namespace Scheduler.Functions.Dispatch;

/// <summary>The CSMS did not answer after every retry of one delivery; the queue delivers the message again later.</summary>
public sealed class CsmsUnavailableException : Exception
{
    /// <summary>Creates the exception.</summary>
    public CsmsUnavailableException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public CsmsUnavailableException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public CsmsUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
