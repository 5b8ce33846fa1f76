using NodaTime;

namespace Scheduler.Protocols.Messages;

/// <summary>A driver's departure and energy need for one session or vehicle (message type <c>departure</c>).</summary>
public sealed record DepartureMessage
{
    /// <summary>The most energy one departure may ask for: 500 kWh.</summary>
    public const double MaxEnergyKwh = 500;

    /// <summary>Creates a departure message.</summary>
    /// <param name="id">The idempotency key, 1 to 128 characters.</param>
    /// <param name="siteId">The site, 1 to 128 characters.</param>
    /// <param name="sessionId">The charging session, where known; this or <paramref name="vehicleId"/> or both.</param>
    /// <param name="vehicleId">The vehicle, where known; this or <paramref name="sessionId"/> or both.</param>
    /// <param name="departure">When the driver leaves.</param>
    /// <param name="energyKwh">The energy to charge, in kWh: above 0, at most <see cref="MaxEnergyKwh"/>.</param>
    /// <param name="sentAt">When the client sent the update, where it says; the newest update wins.</param>
    public DepartureMessage(
        string id,
        string siteId,
        string? sessionId,
        string? vehicleId,
        Instant departure,
        double energyKwh,
        Instant? sentAt = null)
    {
        Id = MessageCheck.Id(id, nameof(id));
        SiteId = MessageCheck.Id(siteId, nameof(siteId));
        SessionId = MessageCheck.OptionalId(sessionId, nameof(sessionId));
        VehicleId = MessageCheck.OptionalId(vehicleId, nameof(vehicleId));
        if (sessionId is null && vehicleId is null)
        {
            throw new ArgumentException("a departure needs a session id, a vehicle id or both", nameof(vehicleId));
        }

        Departure = departure;
        if (!(energyKwh > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(energyKwh), energyKwh, "must be above zero");
        }

        EnergyKwh = MessageCheck.InRange(energyKwh, 0, MaxEnergyKwh, nameof(energyKwh));
        SentAt = sentAt;
    }

    /// <summary>The idempotency key.</summary>
    public string Id { get; }

    /// <summary>The site.</summary>
    public string SiteId { get; }

    /// <summary>The charging session, or null where the message names only the vehicle.</summary>
    public string? SessionId { get; }

    /// <summary>The vehicle, or null where the message names only the session.</summary>
    public string? VehicleId { get; }

    /// <summary>When the driver leaves.</summary>
    public Instant Departure { get; }

    /// <summary>The energy to charge, in kWh; from the states of charge where the message gave those.</summary>
    public double EnergyKwh { get; }

    /// <summary>When the client sent the update, or null where it did not say.</summary>
    public Instant? SentAt { get; }
}
