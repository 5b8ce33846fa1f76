namespace Scheduler.Cli;

/// <summary>
/// An input the user gave cannot be used: a file that is missing or unreadable, an output folder that does not
/// exist. <see cref="CliApp"/> prints the message and exits with <see cref="ExitCodes.BadInput"/>.
/// </summary>
internal sealed class BadInputException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What is wrong and where, for the user.</param>
    public BadInputException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with the I/O error that caused it.</summary>
    /// <param name="message">What is wrong and where, for the user.</param>
    /// <param name="innerException">The underlying error.</param>
    public BadInputException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
