using NodaTime;

namespace Scheduler.Optimizer.Model;

/// <summary>A vehicle plugged into a charger from arrival to departure, needing energy by departure.</summary>
public sealed record Session
{
    /// <summary>Creates a session.</summary>
    /// <param name="id">Unique id within the scenario.</param>
    /// <param name="chargerId">The charger it is plugged into.</param>
    /// <param name="arrival">When it plugged in (or will).</param>
    /// <param name="departure">When its driver leaves; after <paramref name="arrival"/>.</param>
    /// <param name="energyKwh">The energy asked for at the charger's meter, in kWh, zero or above.</param>
    /// <param name="maxCurrentA">The most current the vehicle draws per phase, in amps.</param>
    /// <param name="phases">The phases the vehicle charges on: 1 or 3 (default 3).</param>
    /// <param name="vehicleId">The vehicle, where known.</param>
    /// <param name="transactionId">The CSMS's transaction id, where known.</param>
    /// <param name="minCurrentA">The least current the vehicle accepts per phase, where it is above the charger's.</param>
    public Session(
        string id,
        string chargerId,
        Instant arrival,
        Instant departure,
        double energyKwh,
        double maxCurrentA,
        int phases = 3,
        string? vehicleId = null,
        string? transactionId = null,
        double? minCurrentA = null)
    {
        Id = Check.Id(id, nameof(id));
        ChargerId = Check.Id(chargerId, nameof(chargerId));
        Check.Ordered(arrival, departure, nameof(departure));
        Arrival = arrival;
        Departure = departure;
        EnergyKwh = Check.NonNegative(energyKwh, nameof(energyKwh));
        MaxCurrentA = Check.Positive(maxCurrentA, nameof(maxCurrentA));
        Phases = Check.Phases(phases, nameof(phases));
        VehicleId = vehicleId;
        TransactionId = transactionId;
        if (minCurrentA is { } min)
        {
            Check.NonNegative(min, nameof(minCurrentA));
        }

        MinCurrentA = minCurrentA;
    }

    /// <summary>Unique id within the scenario.</summary>
    public string Id { get; }

    /// <summary>The charger it is plugged into.</summary>
    public string ChargerId { get; }

    /// <summary>When it plugged in.</summary>
    public Instant Arrival { get; }

    /// <summary>When its driver leaves.</summary>
    public Instant Departure { get; }

    /// <summary>The energy asked for, in kWh at the charger's meter.</summary>
    public double EnergyKwh { get; }

    /// <summary>The most current the vehicle draws per phase, in amps.</summary>
    public double MaxCurrentA { get; }

    /// <summary>1 or 3 phases.</summary>
    public int Phases { get; }

    /// <summary>The vehicle, where known.</summary>
    public string? VehicleId { get; }

    /// <summary>The CSMS's transaction id, where known.</summary>
    public string? TransactionId { get; }

    /// <summary>The least current the vehicle accepts per phase, or null to use the charger's minimum.</summary>
    public double? MinCurrentA { get; }

    /// <summary>
    /// Energy beyond <see cref="EnergyKwh"/> the vehicle may still take, in kWh (0 by default): a top-up toward a
    /// full battery. The plan gives it where it raises no billed peak and no limit, at any energy price of the
    /// session's window; missing it is no shortfall. A vehicle that is full stops drawing, whatever the plan allows.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The energy is negative or not a number.</exception>
    public double TopUpKwh
    {
        get => _topUpKwh;
        init => _topUpKwh = Check.NonNegative(value, nameof(TopUpKwh));
    }

    private readonly double _topUpKwh;

    /// <summary>The interval the vehicle is plugged in.</summary>
    public Interval Window => new(Arrival, Departure);
}
