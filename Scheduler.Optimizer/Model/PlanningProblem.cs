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
    PlanningWindow Window);
