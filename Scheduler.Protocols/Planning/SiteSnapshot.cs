using NodaTime;
using Scheduler.Optimizer.Model;
using Scheduler.Protocols.Billing;

namespace Scheduler.Protocols.Planning;

/// <summary>
/// Everything a site knows at the planning instant: its layout, the sessions plugged in, its prices, limits and demand
/// charges with the peaks recorded so far, its defaults and what it has learned of its drivers. The Functions app
/// assembles it from its tables, the replay from its simulated state; <see cref="PlanningProblemBuilder"/> turns it
/// into the one planning problem both solve.
/// </summary>
public sealed record SiteSnapshot
{
    /// <summary>The site: circuits, chargers and the base-load forecast.</summary>
    public required Site Site { get; init; }

    /// <summary>The currency of the prices (ISO 4217).</summary>
    public required string Currency { get; init; }

    /// <summary>The energy prices known; the window ends where they end.</summary>
    public required IReadOnlyList<PriceInterval> Prices { get; init; }

    /// <summary>The tariff's demand charges (any period); those that touch the window are planned with their recorded peaks.</summary>
    public IReadOnlyList<DemandCharge> DemandCharges { get; init; } = [];

    /// <summary>Demand-response limits on the site's import.</summary>
    public IReadOnlyList<GridSignal> GridSignals { get; init; } = [];

    /// <summary>The sessions plugged in.</summary>
    public required IReadOnlyList<PluggedSession> Sessions { get; init; }

    /// <summary>The site's defaults. The default is <see cref="PlanningDefaults"/>' own.</summary>
    public PlanningDefaults Defaults { get; init; } = new();

    /// <summary>Each demand charge's peak recorded so far in its billing period. The default is none.</summary>
    public RecordedPeaks Peaks { get; init; } = RecordedPeaks.None;

    /// <summary>What the site has learned of its drivers. The default is nothing.</summary>
    public DriverHabits Habits { get; init; } = DriverHabits.None;

    /// <summary>The planning instant: the window starts in its slot.</summary>
    public required Instant Now { get; init; }

    /// <summary>
    /// The energy the chargers drew from the start of the current slot to <see cref="Now"/>, in kWh (0 by default):
    /// the slot's demand counts it. The app sums it from its meter records, the replay from its meter.
    /// </summary>
    public double DrawnThisSlotKwh { get; init; }

    /// <summary>The plan's slot length. The default is 15 minutes.</summary>
    public Duration SlotLength { get; init; } = Duration.FromMinutes(15);
}
