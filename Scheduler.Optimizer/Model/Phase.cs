namespace Scheduler.Optimizer.Model;

/// <summary>One of the three phases of the site's supply.</summary>
public enum Phase
{
    /// <summary>L1 (R).</summary>
    L1 = 0,

    /// <summary>L2 (S).</summary>
    L2 = 1,

    /// <summary>L3 (T).</summary>
    L3 = 2,
}
