namespace Scheduler.Optimizer.Solving.Repair;

/// <summary>What a fill may do with the demand thresholds when a session does not fit under them.</summary>
internal enum PeakPolicy
{
    /// <summary>Stay under every threshold.</summary>
    Hold,

    /// <summary>Pass a threshold by the smallest valid step at a time, so that the room it opens elsewhere is used before it rises again.</summary>
    RaiseInSmallSteps,

    /// <summary>Pass a threshold by as much as the session's step needs: quicker, for the fallback.</summary>
    RaiseFreely,
}
