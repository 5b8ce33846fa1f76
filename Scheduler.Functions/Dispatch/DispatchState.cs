namespace Scheduler.Functions.Dispatch;

/// <summary>Where a charger's profile stands.</summary>
public enum DispatchState
{
    /// <summary>Planned and queued, not yet answered; a send that got no answer stays pending and is retried.</summary>
    Pending,

    /// <summary>The CSMS (or the charger behind it) accepted it.</summary>
    Accepted,

    /// <summary>The charger refused it; the charger keeps its previous limit.</summary>
    Rejected,

    /// <summary>The charger does not do smart charging (a CallError such as NotSupported).</summary>
    NotSupported,

    /// <summary>No answer for as long as retries go on (<see cref="Configuration.DispatchOptions.GiveUpAfter"/>), and no newer plan replaced it.</summary>
    Failed,

    /// <summary>Not sent: the session ended, or the site or charger is gone.</summary>
    Skipped,
}
