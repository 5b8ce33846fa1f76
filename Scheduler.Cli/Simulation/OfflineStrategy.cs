using Scheduler.Optimizer.Model;
using Scheduler.Optimizer.Plans;
using Scheduler.Optimizer.Solving;

namespace Scheduler.Cli.Simulation;

/// <summary>
/// The offline optimum with perfect foresight: one plan of the whole replay that knows every arrival, real departure
/// and the energy each vehicle really took. Its LP relaxation is a lower bound on the cost of any strategy that
/// serves the same energy; no real scheduler can do better.
/// </summary>
internal sealed class OfflineStrategy : IReplayStrategy
{
    private readonly PlanCurrents _plan;

    public OfflineStrategy(ReplayGrid grid)
    {
        var input = grid.Input;
        var sessions = grid.Sessions
            .Where(s => s.Charger >= 0)
            .Select(s =>
            {
                var charger = input.Site.Chargers[s.Charger];
                // What the vehicle took, but no more than its charger can give in its stay here: history may come
                // from stronger chargers, and an impossible request would only add shortfall penalties to the bound.
                return new Session(s.History.Id, charger.Id, grid.At(s.ArrivalMinute), grid.At(s.DepartureMinute), Math.Min(s.History.EnergyKwh, s.DeliverableKwh), charger.MaxCurrentA, charger.Phases);
            })
            .ToList();
        var problem = new PlanningProblem(input.Site, input.Tariff, input.GridSignals, sessions, new PlanningWindow(input.Start, input.End, input.SlotLength));
        Plan = ChargingSolver.Solve(problem, new SolverOptions { TimeLimit = TimeSpan.FromMinutes(5), ExactStageMaxPairs = 0 });
        _plan = new PlanCurrents(grid, Plan);
    }

    public string Name => "offline";

    public bool ClippedBySite => false;

    /// <summary>The offline plan, with its lower bound.</summary>
    public Plan Plan { get; }

    public void BeginMinute(int minute, ReplayMeter meter)
    {
    }

    public double DesiredCurrentA(int session, int minute) => _plan.CurrentA(session, minute);
}
