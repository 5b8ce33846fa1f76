namespace Scheduler.Protocols.Messages;

/// <summary>What an AC vehicle told the charger over ISO 15118 (OCPP 2.0.1 <c>ACChargingParametersType</c>).</summary>
public sealed record AcChargingParameters
{
    /// <summary>The most current a vehicle can state: 1000 A per phase.</summary>
    public const int MaxCurrentA = 1000;

    /// <summary>The highest voltage a vehicle can state: 2000 V.</summary>
    public const int MaxVoltageV = 2000;

    /// <summary>The most energy a vehicle can ask for: 10,000,000 Wh.</summary>
    public const int MaxEnergyWh = 10_000_000;

    /// <summary>Creates the parameters.</summary>
    /// <param name="energyAmountWh">The energy the vehicle asks for, in Wh, 0 to <see cref="MaxEnergyWh"/>.</param>
    /// <param name="evMinCurrentA">The least current per phase the vehicle accepts when charging, in A, 0 to <paramref name="evMaxCurrentA"/>.</param>
    /// <param name="evMaxCurrentA">The most current per phase the vehicle (and its cable) takes, in A, 1 to <see cref="MaxCurrentA"/>.</param>
    /// <param name="evMaxVoltageV">The highest voltage the vehicle takes, in V, 1 to <see cref="MaxVoltageV"/>.</param>
    public AcChargingParameters(int energyAmountWh, int evMinCurrentA, int evMaxCurrentA, int evMaxVoltageV)
    {
        EnergyAmountWh = (int)MessageCheck.InRange(energyAmountWh, 0, MaxEnergyWh, nameof(energyAmountWh));
        EvMaxCurrentA = (int)MessageCheck.InRange(evMaxCurrentA, 1, MaxCurrentA, nameof(evMaxCurrentA));
        EvMinCurrentA = (int)MessageCheck.InRange(evMinCurrentA, 0, evMaxCurrentA, nameof(evMinCurrentA));
        EvMaxVoltageV = (int)MessageCheck.InRange(evMaxVoltageV, 1, MaxVoltageV, nameof(evMaxVoltageV));
    }

    /// <summary>The energy the vehicle asks for, in Wh (ISO 15118 EAmount; it includes preconditioning).</summary>
    public int EnergyAmountWh { get; }

    /// <summary>The least current per phase the vehicle accepts when charging, in A.</summary>
    public int EvMinCurrentA { get; }

    /// <summary>The most current per phase the vehicle takes, in A (its cable included).</summary>
    public int EvMaxCurrentA { get; }

    /// <summary>The highest voltage the vehicle takes, in V.</summary>
    public int EvMaxVoltageV { get; }
}
