using NodaTime;

namespace Scheduler.Protocols.Ocpp;

/// <summary>One period of a charging profile read back as an interval of time.</summary>
/// <param name="Start">The first instant.</param>
/// <param name="End">The end (exclusive), or null when the period runs on until the profile is replaced.</param>
/// <param name="LimitA">The limit in amps per phase (a W limit is divided by voltage × phases).</param>
public sealed record ProfileInterval(Instant Start, Instant? End, double LimitA)
{
    /// <summary>Whether <paramref name="instant"/> falls within the interval.</summary>
    public bool Contains(Instant instant) => instant >= Start && (End is not { } end || instant < end);
}
