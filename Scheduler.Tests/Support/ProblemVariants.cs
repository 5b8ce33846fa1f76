using NodaTime;
using Scheduler.Optimizer.Model;

namespace Scheduler.Tests.Support;

/// <summary>Variants of a problem whose plans relate to the original's in ways that hold for any correct solver.</summary>
public static class ProblemVariants
{
    /// <summary>Every instant moved by <paramref name="by"/> (a whole number of slots): the same problem at another time.</summary>
    public static PlanningProblem Shifted(PlanningProblem problem, Duration by)
    {
        var site = problem.Site;
        var shiftedSite = new Site(
            site.Id,
            site.TimeZone,
            site.VoltageV,
            site.GridLimitKw,
            site.Circuits,
            site.Chargers,
            site.BaseLoad.Select(b => new BaseLoadInterval(b.Start + by, b.End + by, b.Kw)).ToList());
        var tariff = new Tariff(
            problem.Tariff.Currency,
            problem.Tariff.Prices.Select(p => new PriceInterval(p.Start + by, p.End + by, p.PerKwh)).ToList(),
            problem.Tariff.DemandCharges);
        return new PlanningProblem(
            shiftedSite,
            tariff,
            problem.GridSignals.Select(g => new GridSignal(g.Id, g.Start + by, g.End + by, g.MaxImportKw)).ToList(),
            problem.Sessions.Select(s => new Session(s.Id, s.ChargerId, s.Arrival + by, s.Departure + by, s.EnergyKwh, s.MaxCurrentA, s.Phases, s.VehicleId, s.TransactionId, s.MinCurrentA)).ToList(),
            new PlanningWindow(problem.Window.Start + by, problem.Window.End + by, problem.Window.SlotLength));
    }

    /// <summary>The same problem with more room everywhere: a larger grid connection, no grid signals, circuits twice as strong.</summary>
    public static PlanningProblem Relaxed(PlanningProblem problem)
    {
        var site = problem.Site;
        var relaxedSite = new Site(
            site.Id,
            site.TimeZone,
            site.VoltageV,
            site.GridLimitKw + 50,
            site.Circuits.Select(c => new Circuit(c.Id, c.ParentId, c.MaxCurrentA * 2)).ToList(),
            site.Chargers,
            site.BaseLoad);
        return problem with { Site = relaxedSite, GridSignals = [] };
    }
}
