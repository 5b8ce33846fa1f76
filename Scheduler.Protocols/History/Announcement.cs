using NodaTime;

namespace Scheduler.Protocols.History;

/// <summary>What a driver told the site at one moment of a charging session: when they will leave, how much energy they want.</summary>
/// <remarks>
/// In a replay the planner may use an announcement only from <see cref="At"/> on. ACN-Data drivers often enter their
/// request a second or two before the connection is recorded, so <see cref="At"/> may be just before the session's arrival.
/// </remarks>
public sealed record Announcement
{
    /// <summary>Creates an announcement.</summary>
    /// <param name="at">When the driver said it.</param>
    /// <param name="departure">The departure announced, or null where the driver gave none.</param>
    /// <param name="energyKwh">The energy asked for in kWh at the charger's meter, zero or above; null where the driver gave none.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="energyKwh"/> is negative or not finite.</exception>
    public Announcement(Instant at, Instant? departure, double? energyKwh)
    {
        if (energyKwh is { } energy && (!double.IsFinite(energy) || energy < 0))
        {
            throw new ArgumentOutOfRangeException(nameof(energyKwh), energy, "must be a finite number, zero or above");
        }

        At = at;
        Departure = departure;
        EnergyKwh = energyKwh;
    }

    /// <summary>When the driver said it.</summary>
    public Instant At { get; }

    /// <summary>The departure announced; null where the driver gave none.</summary>
    public Instant? Departure { get; }

    /// <summary>The energy asked for, in kWh at the charger's meter; null where the driver gave none.</summary>
    public double? EnergyKwh { get; }
}
