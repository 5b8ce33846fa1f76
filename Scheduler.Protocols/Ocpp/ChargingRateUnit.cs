namespace Scheduler.Protocols.Ocpp;

/// <summary>The unit of a charging schedule's limits.</summary>
public enum ChargingRateUnit
{
    /// <summary>Amps per phase (the default, and what chargers should be sent whenever they support it).</summary>
    A,

    /// <summary>Watts in all: amps × voltage × phases, rounded down.</summary>
    W,
}
