using NodaTime;

namespace Scheduler.Protocols.Messages;

/// <summary>
/// What a vehicle told its charger it needs (the OCPP 2.0.1 <c>NotifyEVChargingNeedsRequest</c> a charger forwards
/// when an ISO 15118 vehicle plugs in or renegotiates): its departure, its energy and its current limits.
/// </summary>
public sealed record EvChargingNeeds
{
    /// <summary>The highest EVSE id: 1000.</summary>
    public const int MaxEvseId = 1000;

    /// <summary>The most schedule periods a vehicle can state: 1024.</summary>
    public const int MaxScheduleTuplesLimit = 1024;

    /// <summary>Creates the needs.</summary>
    /// <param name="evseId">The EVSE the vehicle is plugged into, 1 to <see cref="MaxEvseId"/> (OCPP: never 0).</param>
    /// <param name="transfer">How the vehicle asks to be charged.</param>
    /// <param name="departure">When the vehicle expects to leave, or null where it did not say.</param>
    /// <param name="ac">Its AC parameters, or null.</param>
    /// <param name="dc">Its DC parameters, or null.</param>
    /// <param name="maxScheduleTuples">The most periods per schedule the vehicle follows, 1 to <see cref="MaxScheduleTuplesLimit"/>, or null.</param>
    public EvChargingNeeds(int evseId, EvEnergyTransfer transfer, Instant? departure, AcChargingParameters? ac, DcChargingParameters? dc, int? maxScheduleTuples = null)
    {
        EvseId = (int)MessageCheck.InRange(evseId, 1, MaxEvseId, nameof(evseId));
        if (!Enum.IsDefined(transfer))
        {
            throw new ArgumentOutOfRangeException(nameof(transfer), transfer, "must be a defined energy transfer mode");
        }

        Transfer = transfer;
        Departure = departure;
        Ac = ac;
        Dc = dc;
        MaxScheduleTuples = maxScheduleTuples is { } tuples ? (int)MessageCheck.InRange(tuples, 1, MaxScheduleTuplesLimit, nameof(maxScheduleTuples)) : null;
    }

    /// <summary>The EVSE the vehicle is plugged into.</summary>
    public int EvseId { get; }

    /// <summary>How the vehicle asks to be charged.</summary>
    public EvEnergyTransfer Transfer { get; }

    /// <summary>When the vehicle expects to leave (its driver's setting in the car), or null.</summary>
    public Instant? Departure { get; }

    /// <summary>The AC parameters, or null.</summary>
    public AcChargingParameters? Ac { get; }

    /// <summary>The DC parameters, or null.</summary>
    public DcChargingParameters? Dc { get; }

    /// <summary>The most periods per schedule the vehicle follows, or null where it did not say.</summary>
    public int? MaxScheduleTuples { get; }

    /// <summary>The phases the vehicle asks to charge on: 1, 2 or 3 for AC, null for DC.</summary>
    public int? Phases => Transfer switch
    {
        EvEnergyTransfer.AcSinglePhase => 1,
        EvEnergyTransfer.AcTwoPhase => 2,
        EvEnergyTransfer.AcThreePhase => 3,
        _ => null,
    };

    /// <summary>The energy the vehicle still needs, in Wh, from its AC or DC parameters; null where it said none.</summary>
    public double? NeededWh => Transfer == EvEnergyTransfer.Dc
        ? Dc?.NeededWh ?? Ac?.EnergyAmountWh
        : Ac?.EnergyAmountWh ?? Dc?.NeededWh;
}
