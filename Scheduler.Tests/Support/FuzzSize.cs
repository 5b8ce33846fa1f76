namespace Scheduler.Tests.Support;

/// <summary>How large a fuzz site may grow.</summary>
public enum FuzzSize
{
    /// <summary>Up to 12 chargers, two stays each, 192 slots.</summary>
    Ordinary,

    /// <summary>Up to 4 sessions and 12 slots: small enough for an exact MIP.</summary>
    Small,
}
