using NodaTime;

namespace Scheduler.Protocols.Planning;

/// <summary>What a site assumes where its drivers say nothing, and how far and how long it plans.</summary>
public sealed record PlanningDefaults
{
    /// <summary>The local departure time ("HH:mm" in the site's zone) assumed for a driver who set none. The default is 17:00.</summary>
    public string DefaultDeparture { get; init; } = "17:00";

    /// <summary>Whether the default departure falls on working days (Monday to Friday) only. The default is false.</summary>
    public bool DefaultDepartureOnWorkingDays { get; init; }

    /// <summary>The energy, in kWh, assumed for a driver who asked for none. The default is 10.</summary>
    public double DefaultEnergyKwh { get; init; } = 10;

    /// <summary>
    /// The share of each announced stay held back (0 to less than 1) for a driver whose habits are not known yet:
    /// with 0.5, an announced eight-hour stay is planned to be served within four. The default is 0.
    /// </summary>
    public double DepartureMargin { get; init; }

    /// <summary>
    /// Whether a plan tops vehicles up beyond what their drivers asked, toward full, where that raises no billed
    /// peak and no limit. Drivers often ask for less than their vehicle takes (and the learned share of a driver's
    /// request is planned firmly, the rest as top-up); a full vehicle stops drawing on its own. The default is true;
    /// false plans every request firmly and nothing beyond it.
    /// </summary>
    public bool TopUpToFull { get; init; } = true;

    /// <summary>The longest a plan looks ahead. The default is 36 hours.</summary>
    public Duration MaxHorizon { get; init; } = Duration.FromHours(36);

    /// <summary>The solver's time limit per plan; null for none. The default is 10 seconds.</summary>
    public TimeSpan? SolverTimeLimit { get; init; } = TimeSpan.FromSeconds(10);
}
