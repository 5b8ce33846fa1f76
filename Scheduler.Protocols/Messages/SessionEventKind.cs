namespace Scheduler.Protocols.Messages;

/// <summary>What happened to a charging session (the <c>event</c> of a session-event message).</summary>
public enum SessionEventKind
{
    /// <summary>The transaction started (<c>started</c>).</summary>
    Started,

    /// <summary>A periodic meter reading during the transaction (<c>meterValues</c>).</summary>
    MeterValues,

    /// <summary>The transaction stopped (<c>stopped</c>).</summary>
    Stopped,
}
