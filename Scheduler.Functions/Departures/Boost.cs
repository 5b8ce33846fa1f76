using NodaTime;

namespace Scheduler.Functions.Departures;

/// <summary>
/// A driver's boost: the session charges at full power from <see cref="RequestedAt"/> until it holds
/// <see cref="TargetKwh"/> or <see cref="Until"/> comes, whichever is first; the other sessions are planned around it.
/// </summary>
public sealed record Boost
{
    /// <summary>Creates a boost.</summary>
    /// <param name="sessionId">The session it boosts: a boost ends with its session.</param>
    /// <param name="requestedAt">When it was asked for.</param>
    /// <param name="until">When it ends: after <paramref name="requestedAt"/>.</param>
    /// <param name="targetKwh">The session's energy at which it ends, in kWh (what it had plus what the boost adds).</param>
    public Boost(string sessionId, Instant requestedAt, Instant until, double targetKwh)
    {
        ArgumentException.ThrowIfNullOrEmpty(sessionId);
        if (until <= requestedAt)
        {
            throw new ArgumentOutOfRangeException(nameof(until), until, "a boost must end after it was asked for");
        }

        if (!(targetKwh > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(targetKwh), targetKwh, "must be above 0");
        }

        SessionId = sessionId;
        RequestedAt = requestedAt;
        Until = until;
        TargetKwh = targetKwh;
    }

    /// <summary>The session it boosts.</summary>
    public string SessionId { get; }

    /// <summary>When it was asked for.</summary>
    public Instant RequestedAt { get; }

    /// <summary>When it ends at the latest.</summary>
    public Instant Until { get; }

    /// <summary>The session's energy at which it ends, in kWh.</summary>
    public double TargetKwh { get; }

    /// <summary>The boost as the planner takes it: a departure at its end needing its target, so that every slot until then runs at full power.</summary>
    public DepartureRecord AsDeparture() => new(Until, TargetKwh, RequestedAt, RequestedAt, $"boost:{SessionId}") { Source = DepartureSources.Boost };
}
