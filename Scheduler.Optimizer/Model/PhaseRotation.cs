namespace Scheduler.Optimizer.Model;

/// <summary>
/// How a charger's terminals are wired to the site's phases, as OCPP names it: the first letter is the
/// site phase on the charger's first terminal (R = L1, S = L2, T = L3). A one-phase vehicle loads that phase only.
/// </summary>
public enum PhaseRotation
{
    /// <summary>Standard wiring: a one-phase vehicle loads L1.</summary>
    RST,

    /// <summary>A one-phase vehicle loads L1.</summary>
    RTS,

    /// <summary>A one-phase vehicle loads L2.</summary>
    SRT,

    /// <summary>A one-phase vehicle loads L2.</summary>
    STR,

    /// <summary>A one-phase vehicle loads L3.</summary>
    TRS,

    /// <summary>A one-phase vehicle loads L3.</summary>
    TSR,
}

/// <summary>Helpers for <see cref="PhaseRotation"/>.</summary>
public static class PhaseRotationExtensions
{
    /// <summary>The site phase that a one-phase load on a charger with this rotation draws from.</summary>
    public static Phase FirstPhase(this PhaseRotation rotation) => rotation switch
    {
        PhaseRotation.RST or PhaseRotation.RTS => Phase.L1,
        PhaseRotation.SRT or PhaseRotation.STR => Phase.L2,
        PhaseRotation.TRS or PhaseRotation.TSR => Phase.L3,
        _ => throw new ArgumentOutOfRangeException(nameof(rotation), rotation, "unknown phase rotation"),
    };
}
