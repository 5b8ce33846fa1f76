namespace Scheduler.Functions.Dispatch;

/// <summary>Where a charger's profile stands.</summary>
public enum DispatchState
{
    /// <summary>Planned and queued, not yet answered.</summary>
    Pending,

    /// <summary>The CSMS (or the charger behind it) accepted it.</summary>
    Accepted,

    /// <summary>The charger refused it; the charger keeps its previous limit.</summary>
    Rejected,

    /// <summary>The charger does not do smart charging (a CallError such as NotSupported).</summary>
    NotSupported,

    /// <summary>No answer after every retry.</summary>
    Failed,

    /// <summary>Not sent: the session ended, or a newer profile replaced it first.</summary>
    Skipped,
}
