namespace Scheduler.Protocols.Messages;

/// <summary>What happened to a charging session (the <c>event</c> of a session-event message).</summary>
public enum SessionEventKind
{
    /// <summary>The transaction started (<c>started</c>).</summary>
    Started,

    /// <summary>A periodic meter reading during the transaction (<c>meterValues</c>).</summary>
    MeterValues,

    /// <summary>The transaction stopped (<c>stopped</c>).</summary>
    Stopped,

    /// <summary>The vehicle told the charger its departure, energy and current limits (<c>chargingNeeds</c>: OCPP 2.0.1 NotifyEVChargingNeeds).</summary>
    ChargingNeeds,

    /// <summary>The vehicle proposed its own schedule for the profile it was sent (<c>evChargingSchedule</c>: OCPP 2.0.1 NotifyEVChargingSchedule).</summary>
    EvChargingSchedule,
}
