namespace Scheduler.Optimizer.Model;

/// <summary>Everything one optimisation of one site needs: the scenario file's content as instants and numbers.</summary>
/// <param name="Site">The site with its circuits and chargers.</param>
/// <param name="Tariff">The prices.</param>
/// <param name="GridSignals">Demand-response limits on the site's import.</param>
/// <param name="Sessions">The vehicles to plan.</param>
/// <param name="Window">The span to plan and its slot length.</param>
public sealed record PlanningProblem(
    Site Site,
    Tariff Tariff,
    IReadOnlyList<GridSignal> GridSignals,
    IReadOnlyList<Session> Sessions,
    PlanningWindow Window)
{
    private readonly double _drawnSoFarKwh;

    /// <summary>
    /// The energy the chargers already drew in the window's first slot before the plan was made, in kWh (0 by default).
    /// A plan made inside a slot starts its sessions at the planning instant, yet the utility bills the slot's whole
    /// average import: what was drawn earlier in the slot counts toward it, so a plan made at 10:12 cannot set a peak
    /// that the import from 10:00 to 10:12 already used. It weighs on the demand charges only; the limits bound each
    /// instant, and the minutes before the plan are gone.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The energy is negative or not a number.</exception>
    public double DrawnSoFarKwh
    {
        get => _drawnSoFarKwh;
        init => _drawnSoFarKwh = Check.NonNegative(value, nameof(DrawnSoFarKwh));
    }
}
