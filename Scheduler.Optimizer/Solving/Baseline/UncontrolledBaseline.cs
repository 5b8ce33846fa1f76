using Scheduler.Optimizer.Model;
using Scheduler.Optimizer.Plans;
using Scheduler.Optimizer.Solving.Grid;

namespace Scheduler.Optimizer.Solving.Baseline;

/// <summary>
/// What the site would pay without a scheduler: every session draws its maximum from arrival until it has its
/// energy; where a circuit or the site limit binds, every session under it is cut in the same proportion.
/// </summary>
internal static class UncontrolledBaseline
{
    public static BaselineResult Compute(SlotModel model)
    {
        var sessions = model.Sessions;
        var remaining = sessions.Select(s => s.EnergyKwh).ToArray();
        var present = model.Present;

        // Deepest circuits in the tree first, so a feeder's cut is applied to what its sub-feeders already allow (a
        // feeder with a charger of its own directly on it is still cut after the sub-feeders below it).
        var tree = new CircuitTree(model.Problem.Site.Circuits);
        var circuitOrder = Enumerable.Range(0, model.Circuits.Length).OrderByDescending(c => tree.Above(model.Circuits[c].Id).Count).ToArray();

        var energyCost = 0.0;
        var delivered = 0.0;
        var peak = 0.0;
        var imports = new double[model.SlotCount];
        var current = new double[sessions.Length];
        for (var k = 0; k < model.SlotCount; k++)
        {
            foreach (var (i, j) in present[k])
            {
                current[i] = remaining[i] > 1e-12 ? Math.Min(sessions[i].MaxA, remaining[i] / sessions[i].KwhPerAmp[j]) : 0;
            }

            foreach (var c in circuitOrder)
            {
                for (var p = 0; p < 3; p++)
                {
                    var members = model.Circuits[c].SessionsOnPhase[p];
                    var load = members.Sum(i => current[i]);
                    if (load > model.Circuits[c].LimitA)
                    {
                        var factor = model.Circuits[c].LimitA / load;
                        foreach (var i in members)
                        {
                            current[i] *= factor;
                        }
                    }
                }
            }

            var siteKw = present[k].Sum(p => current[p.Session] * sessions[p.Session].KwPerAmp);
            if (siteKw > model.HeadroomKw[k])
            {
                var factor = model.HeadroomKw[k] / siteKw;
                foreach (var (i, _) in present[k])
                {
                    current[i] *= factor;
                }
            }

            var averageKw = model.BaseAverageKw[k];
            foreach (var (i, j) in present[k])
            {
                var energy = current[i] * sessions[i].KwhPerAmp[j];
                remaining[i] -= energy;
                delivered += energy;
                energyCost += energy * model.PricePerKwh[k];
                averageKw += current[i] * sessions[i].KwPerAmp * sessions[i].Coverage[j];
                current[i] = 0;
            }

            peak = Math.Max(peak, averageKw);
            imports[k] = averageKw;
        }

        var demandCost = DemandBilling.Total(DemandBilling.Bill(model.Problem.Tariff.DemandCharges, model.Problem.Window, imports));
        return new BaselineResult(energyCost + demandCost, delivered, peak);
    }
}
