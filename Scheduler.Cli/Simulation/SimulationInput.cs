using NodaTime;
using Scheduler.Optimizer.Model;
using Scheduler.Protocols.History;
using Scheduler.Protocols.Planning;

namespace Scheduler.Cli.Simulation;

/// <summary>Everything a replay needs: the site, its tariff and limits, the history, and the defaults for silent drivers.</summary>
public sealed record SimulationInput
{
    /// <summary>The site.</summary>
    public required Site Site { get; init; }

    /// <summary>The tariff; its prices must cover the replay.</summary>
    public required Tariff Tariff { get; init; }

    /// <summary>Demand-response limits on the site's import.</summary>
    public IReadOnlyList<GridSignal> GridSignals { get; init; } = [];

    /// <summary>The sessions, as they happened.</summary>
    public required IReadOnlyList<HistoricalSession> Sessions { get; init; }

    /// <summary>The replay's start (inclusive).</summary>
    public required Instant Start { get; init; }

    /// <summary>The replay's end (exclusive): vehicles still plugged in then are cut off there.</summary>
    public required Instant End { get; init; }

    /// <summary>The plan's slot length. The default is 15 minutes.</summary>
    public Duration SlotLength { get; init; } = Duration.FromMinutes(15);

    /// <summary>The departure assumed for a driver who announced none: a local time ("HH:mm"). The default is 17:00.</summary>
    public string DefaultDeparture { get; init; } = "17:00";

    /// <summary>Whether the default departure skips weekends. The default is false.</summary>
    public bool DefaultDepartureOnWorkingDays { get; init; }

    /// <summary>The energy, in kWh, assumed for a driver who announced none. The default is 10.</summary>
    public double DefaultEnergyKwh { get; init; } = 10;

    /// <summary>
    /// The share of each announced stay the planner holds back (0 to less than 1): with 0.5, a driver who says they
    /// stay eight hours is planned to be served within four. The default is 0: the announcement is trusted.
    /// </summary>
    public double DepartureMargin { get; init; }

    /// <summary>The longest a plan looks ahead. The default is 36 hours.</summary>
    public Duration MaxHorizon { get; init; } = Duration.FromHours(36);

    /// <summary>The solver's time limit per re-plan. The default is 10 seconds.</summary>
    public TimeSpan SolverTimeLimit { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// The earliest arrival the scheduler learns its drivers' habits from (a warm-up before <see cref="Start"/>); null
    /// for <see cref="Start"/>: it learns only online, from the replay's own sessions once they have ended.
    /// </summary>
    public Instant? LearnFrom { get; init; }

    /// <summary>Whether the scheduler learns its drivers' habits at all; false plans every driver with <see cref="DepartureMargin"/>. The default is true.</summary>
    public bool LearnDrivers { get; init; } = true;

    /// <summary>Whether the scheduler tops vehicles up beyond their requests where no peak rises (a site's topUpToFull). The default is true.</summary>
    public bool TopUpToFull { get; init; } = true;

    /// <summary>The defaults as the planner takes them.</summary>
    public PlanningDefaults Defaults => new()
    {
        DefaultDeparture = DefaultDeparture,
        DefaultDepartureOnWorkingDays = DefaultDepartureOnWorkingDays,
        DefaultEnergyKwh = DefaultEnergyKwh,
        DepartureMargin = DepartureMargin,
        TopUpToFull = TopUpToFull,
        MaxHorizon = MaxHorizon,
        SolverTimeLimit = SolverTimeLimit,
    };
}
