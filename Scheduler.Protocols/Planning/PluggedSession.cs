using NodaTime;

namespace Scheduler.Protocols.Planning;

/// <summary>
/// A vehicle plugged in (or announced) at the planning instant, as the site knows it: where it is, what its driver
/// said, and what its meter shows. Whoever knows more about a session (a recurring departure, the car's own state of
/// charge) says it through <see cref="AnnouncedDeparture"/> and <see cref="AnnouncedEnergyKwh"/>, and names itself in
/// <see cref="DepartureSource"/> and <see cref="EnergySource"/>.
/// </summary>
public sealed record PluggedSession
{
    /// <summary>The session's id.</summary>
    public required string Id { get; init; }

    /// <summary>The charger it is on.</summary>
    public required string ChargerId { get; init; }

    /// <summary>The vehicle, where known: its habits are learned under this id.</summary>
    public string? VehicleId { get; init; }

    /// <summary>The CSMS's transaction id, where known.</summary>
    public string? TransactionId { get; init; }

    /// <summary>When it plugged in.</summary>
    public required Instant Arrival { get; init; }

    /// <summary>The departure its driver announced, or null for the site's default.</summary>
    public Instant? AnnouncedDeparture { get; init; }

    /// <summary>The energy its driver asked for, in kWh, or null for the site's default.</summary>
    public double? AnnouncedEnergyKwh { get; init; }

    /// <summary>Where the announced departure comes from (e.g. driver). The default is driver.</summary>
    public string DepartureSource { get; init; } = "driver";

    /// <summary>Where the announced energy comes from (e.g. driver). The default is driver.</summary>
    public string EnergySource { get; init; } = "driver";

    /// <summary>The energy it has taken so far, in kWh.</summary>
    public double DeliveredKwh { get; init; }

    /// <summary>The power of its latest meter value, in W, or null where it has none.</summary>
    public double? MeterPowerW { get; init; }

    /// <summary>
    /// The energy, in kWh, that the plan in force allowed it over <see cref="FullBattery.LookBack"/> before its latest
    /// meter value: a vehicle that drew nothing although allowed a real share has a full battery.
    /// </summary>
    public double AllowedBeforeMeterKwh { get; init; }

    /// <summary>The most current per phase the vehicle takes, in A, where below its charger's (ISO 15118 charging needs); null for the charger's.</summary>
    public double? MaxCurrentA { get; init; }

    /// <summary>The least current per phase the vehicle accepts, in A, where above its charger's; null for the charger's.</summary>
    public double? MinCurrentA { get; init; }

    /// <summary>The phases the vehicle charges on (1 or 3), where fewer than its charger's; null for the charger's.</summary>
    public int? Phases { get; init; }

    /// <summary>Whether an earlier plan found its battery full already (it stays full).</summary>
    public bool FullBefore { get; init; }
}
