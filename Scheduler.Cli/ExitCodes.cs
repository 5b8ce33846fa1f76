namespace Scheduler.Cli;

/// <summary>The process exit codes of <c>scheduler</c>.</summary>
internal static class ExitCodes
{
    /// <summary>The command did what was asked.</summary>
    public const int Success = 0;

    /// <summary>Something went wrong inside the program; the message on stderr says what.</summary>
    public const int InternalError = 1;

    /// <summary>The command line or an input file is wrong; the message on stderr says what and where.</summary>
    public const int BadInput = 2;
}
