namespace Scheduler.Optimizer.Model;

/// <summary>A charging point (one connector) on a circuit.</summary>
public sealed record Charger
{
    /// <summary>The default minimum current: IEC 61851 signalling cannot go below 6 A.</summary>
    public const double DefaultMinCurrentA = 6;

    /// <summary>The default number of periods a charger accepts in one charging schedule.</summary>
    public const int DefaultMaxSchedulePeriods = 24;

    /// <summary>Creates a charger.</summary>
    /// <param name="id">Unique id within the site.</param>
    /// <param name="circuitId">The circuit it hangs from, or null if only the site limit applies.</param>
    /// <param name="maxCurrentA">The most it can deliver per phase, in amps.</param>
    /// <param name="minCurrentA">The least current it can deliver per phase when on, in amps; the default is 6 A.</param>
    /// <param name="phases">1 or 3; the default is 3.</param>
    /// <param name="phaseRotation">How it is wired to the site's phases; the default is RST.</param>
    /// <param name="maxSchedulePeriods">The most periods it accepts in a charging schedule; the default is 24.</param>
    public Charger(
        string id,
        string? circuitId,
        double maxCurrentA,
        double minCurrentA = DefaultMinCurrentA,
        int phases = 3,
        PhaseRotation phaseRotation = PhaseRotation.RST,
        int maxSchedulePeriods = DefaultMaxSchedulePeriods)
    {
        Id = Check.Id(id, nameof(id));
        CircuitId = circuitId;
        MaxCurrentA = Check.Positive(maxCurrentA, nameof(maxCurrentA));
        MinCurrentA = Check.NonNegative(minCurrentA, nameof(minCurrentA));
        if (minCurrentA > maxCurrentA)
        {
            throw new ArgumentOutOfRangeException(nameof(minCurrentA), minCurrentA, "must not exceed maxCurrentA");
        }

        Phases = Check.Phases(phases, nameof(phases));
        PhaseRotation = phaseRotation;
        if (maxSchedulePeriods < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(maxSchedulePeriods), maxSchedulePeriods, "must be at least 1");
        }

        MaxSchedulePeriods = maxSchedulePeriods;
    }

    /// <summary>Unique id within the site.</summary>
    public string Id { get; }

    /// <summary>The circuit it hangs from, or null if only the site limit applies.</summary>
    public string? CircuitId { get; }

    /// <summary>The most it can deliver per phase, in amps.</summary>
    public double MaxCurrentA { get; }

    /// <summary>The least current per phase when on, in amps (default 6 A).</summary>
    public double MinCurrentA { get; }

    /// <summary>1 or 3 phases.</summary>
    public int Phases { get; }

    /// <summary>How its terminals are wired to the site's phases.</summary>
    public PhaseRotation PhaseRotation { get; }

    /// <summary>The most periods it accepts in one charging schedule (OCPP ChargingScheduleMaxPeriods).</summary>
    public int MaxSchedulePeriods { get; }
}
