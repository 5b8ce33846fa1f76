namespace Scheduler.Functions.Sites;

/// <summary>A site as the app stores it: the electrical layout the optimizer needs, and how the site is run.</summary>
/// <param name="Id">The site's id.</param>
/// <param name="TimeZone">Its IANA time zone, for local-time rules (default departures, TOU hours).</param>
/// <param name="VoltageV">Phase-to-neutral voltage, in V.</param>
/// <param name="GridLimitKw">The grid connection's import limit, in kW.</param>
/// <param name="Settings">Tariff source, defaults, CSMS and VTN.</param>
/// <param name="Circuits">The circuit tree.</param>
/// <param name="Chargers">The chargers.</param>
public sealed record SiteRecord(
    string Id,
    string TimeZone,
    double VoltageV,
    double GridLimitKw,
    SiteSettings Settings,
    IReadOnlyList<CircuitRecord> Circuits,
    IReadOnlyList<ChargerRecord> Chargers)
{
    /// <summary>How many changes to what its plans read the site has seen (see <see cref="SiteStore.BumpInputVersionAsync"/>); 0 when read from a message.</summary>
    public long InputVersion { get; init; }
}

/// <summary>A fuse or feeder of a site.</summary>
/// <param name="Id">The circuit's id.</param>
/// <param name="ParentId">The circuit above it, or null.</param>
/// <param name="MaxCurrentA">Its per-phase limit, in A.</param>
public sealed record CircuitRecord(string Id, string? ParentId, double MaxCurrentA);

/// <summary>A charger of a site, with what the CSMS needs to address it.</summary>
public sealed record ChargerRecord
{
    /// <summary>The charger's id within the site.</summary>
    public required string Id { get; init; }

    /// <summary>The circuit it hangs from, or null.</summary>
    public string? CircuitId { get; init; }

    /// <summary>The most current per phase, in A.</summary>
    public required double MaxCurrentA { get; init; }

    /// <summary>The least current per phase when on, in A. The default is 6.</summary>
    public double MinCurrentA { get; init; } = 6;

    /// <summary>1 or 3. The default is 3.</summary>
    public int Phases { get; init; } = 3;

    /// <summary>The OCPP phase rotation. The default is RST.</summary>
    public string PhaseRotation { get; init; } = "RST";

    /// <summary>The most periods per charging schedule the charger accepts. The default is 24.</summary>
    public int MaxSchedulePeriods { get; init; } = 24;

    /// <summary>The station's identity at the CSMS (OCPP charge point id); the charger id when null.</summary>
    public string? StationId { get; init; }

    /// <summary>The EVSE (2.0.1) or connector (1.6) id, 1 or more. The default is 1.</summary>
    public int EvseId { get; init; } = 1;

    /// <summary>The stack level the charger accepts for our profiles. The default is 0.</summary>
    public int StackLevel { get; init; }

    /// <summary>
    /// The transaction during which the charger refused our profile: for that transaction it is held at its
    /// fail-safe limit and left out of planning. Null when it takes profiles.
    /// </summary>
    public string? HeldTransactionId { get; init; }

    /// <summary>Why it is held (the CSMS's answer).</summary>
    public string? HeldReason { get; init; }

    /// <summary>The station id to send to.</summary>
    public string Station => StationId ?? Id;
}
