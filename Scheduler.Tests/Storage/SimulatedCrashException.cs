namespace Scheduler.Tests.Storage;

/// <summary>What <see cref="StorageProbe.Throw"/> throws to stand for a process that dies at that call: nothing after it runs.</summary>
public sealed class SimulatedCrashException : Exception
{
    /// <summary>Creates the exception.</summary>
    public SimulatedCrashException()
        : base("simulated crash")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public SimulatedCrashException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public SimulatedCrashException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
