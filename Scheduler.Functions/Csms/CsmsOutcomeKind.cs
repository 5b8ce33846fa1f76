namespace Scheduler.Functions.Csms;

/// <summary>How a CSMS dealt with a charging profile we sent.</summary>
public enum CsmsOutcomeKind
{
    /// <summary>The station (or the CSMS on its behalf) accepted the profile.</summary>
    Accepted,

    /// <summary>
    /// A verdict on the profile: the station answered Rejected, or the CSMS refused the request for good (HTTP 4xx other
    /// than 408 and 429, a CallError other than NotSupported). The station keeps its old profile; resending the same
    /// payload will not help (RELIABILITY case 21).
    /// </summary>
    Rejected,

    /// <summary>
    /// The station has no smart charging: a CallError NotSupported or NotImplemented (K01.FR.29). A capability, not a
    /// verdict on the profile; do not retry (RELIABILITY case 22).
    /// </summary>
    NotSupported,

    /// <summary>
    /// Not sent, or not sent again: before an attempt the caller found the profile no longer wanted (a newer plan replaced
    /// it). Nothing is known of the station's state beyond what earlier attempts left.
    /// </summary>
    Withdrawn,

    /// <summary>
    /// No usable answer after every attempt (5xx, 408, 429, timeout, no connection, an open circuit, an unreadable body):
    /// the station's state is unknown (RELIABILITY case 23).
    /// </summary>
    Failed,
}
