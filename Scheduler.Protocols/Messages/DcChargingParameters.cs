namespace Scheduler.Protocols.Messages;

/// <summary>What a DC vehicle told the charger over ISO 15118 (OCPP 2.0.1 <c>DCChargingParametersType</c>).</summary>
public sealed record DcChargingParameters
{
    /// <summary>The most DC current a vehicle can state: 2000 A.</summary>
    public const int MaxCurrentA = 2000;

    /// <summary>The highest voltage a vehicle can state: 2000 V.</summary>
    public const int MaxVoltageV = 2000;

    /// <summary>The most energy or battery capacity a vehicle can state: 10,000,000 Wh.</summary>
    public const int MaxEnergyWh = 10_000_000;

    /// <summary>The most power a vehicle can state: 10,000,000 W.</summary>
    public const int MaxPowerW = 10_000_000;

    /// <summary>Creates the parameters; every optional one is null where the vehicle did not say.</summary>
    /// <param name="evMaxCurrentA">The most DC current the vehicle takes, in A, 1 to <see cref="MaxCurrentA"/>.</param>
    /// <param name="evMaxVoltageV">The highest DC voltage the vehicle takes, in V, 1 to <see cref="MaxVoltageV"/>.</param>
    /// <param name="energyAmountWh">The energy the vehicle asks for, in Wh, 0 to <see cref="MaxEnergyWh"/>.</param>
    /// <param name="evMaxPowerW">The most power the vehicle takes, in W, 1 to <see cref="MaxPowerW"/>.</param>
    /// <param name="stateOfChargePercent">The battery's state of charge, 0 to 100 %.</param>
    /// <param name="evEnergyCapacityWh">The battery's capacity, in Wh, 1 to <see cref="MaxEnergyWh"/>.</param>
    /// <param name="fullSocPercent">The state of charge the vehicle counts as full, 0 to 100 %.</param>
    /// <param name="bulkSocPercent">The state of charge where the vehicle ends fast charging, 0 to 100 %.</param>
    public DcChargingParameters(
        int evMaxCurrentA,
        int evMaxVoltageV,
        int? energyAmountWh = null,
        int? evMaxPowerW = null,
        int? stateOfChargePercent = null,
        int? evEnergyCapacityWh = null,
        int? fullSocPercent = null,
        int? bulkSocPercent = null)
    {
        EvMaxCurrentA = (int)MessageCheck.InRange(evMaxCurrentA, 1, MaxCurrentA, nameof(evMaxCurrentA));
        EvMaxVoltageV = (int)MessageCheck.InRange(evMaxVoltageV, 1, MaxVoltageV, nameof(evMaxVoltageV));
        EnergyAmountWh = Optional(energyAmountWh, 0, MaxEnergyWh, nameof(energyAmountWh));
        EvMaxPowerW = Optional(evMaxPowerW, 1, MaxPowerW, nameof(evMaxPowerW));
        StateOfChargePercent = Optional(stateOfChargePercent, 0, 100, nameof(stateOfChargePercent));
        EvEnergyCapacityWh = Optional(evEnergyCapacityWh, 1, MaxEnergyWh, nameof(evEnergyCapacityWh));
        FullSocPercent = Optional(fullSocPercent, 0, 100, nameof(fullSocPercent));
        BulkSocPercent = Optional(bulkSocPercent, 0, 100, nameof(bulkSocPercent));
    }

    /// <summary>The most DC current the vehicle takes, in A.</summary>
    public int EvMaxCurrentA { get; }

    /// <summary>The highest DC voltage the vehicle takes, in V.</summary>
    public int EvMaxVoltageV { get; }

    /// <summary>The energy the vehicle asks for, in Wh, or null.</summary>
    public int? EnergyAmountWh { get; }

    /// <summary>The most power the vehicle takes, in W, or null.</summary>
    public int? EvMaxPowerW { get; }

    /// <summary>The battery's state of charge in %, or null.</summary>
    public int? StateOfChargePercent { get; }

    /// <summary>The battery's capacity in Wh, or null.</summary>
    public int? EvEnergyCapacityWh { get; }

    /// <summary>The state of charge the vehicle counts as full in %, or null (then 100 %).</summary>
    public int? FullSocPercent { get; }

    /// <summary>The state of charge where fast charging ends in %, or null.</summary>
    public int? BulkSocPercent { get; }

    /// <summary>
    /// The energy the vehicle still needs, in Wh: its energy amount where it gave one, otherwise what fills the battery
    /// from its state of charge to full (<see cref="FullSocPercent"/>, 100 % where it gave none); null when it said neither.
    /// </summary>
    public double? NeededWh => EnergyAmountWh is { } amount
        ? amount
        : StateOfChargePercent is { } soc && EvEnergyCapacityWh is { } capacity
            ? Math.Max(0, (FullSocPercent ?? 100) - soc) / 100.0 * capacity
            : null;

    private static int? Optional(int? value, int min, int max, string paramName) =>
        value is { } v ? (int)MessageCheck.InRange(v, min, max, paramName) : null;
}
