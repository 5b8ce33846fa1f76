namespace Scheduler.Protocols.OpenAdr;

/// <summary>What <see cref="GridSignalBook.Apply"/> did with an event.</summary>
public enum EventApplyOutcome
{
    /// <summary>A new event; its signals now apply.</summary>
    Added,

    /// <summary>A newer version of a known event replaced the old one whole.</summary>
    Replaced,

    /// <summary>An older version of a known event arrived late and was ignored.</summary>
    IgnoredOlder,

    /// <summary>The event's targets name other sites; it was ignored (and an earlier version that targeted us dropped).</summary>
    IgnoredNotTargeted,

    /// <summary>The event was cancelled (start 0001-01-01 with PT0S); its signals no longer apply.</summary>
    Cancelled,
}
