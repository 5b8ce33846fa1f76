using Scheduler.Optimizer.Solving.Pricing;

namespace Scheduler.Optimizer.Solving.Repair;

/// <summary>The part of the objective that a stage changing only some sessions' currents can change.</summary>
internal static class LocalObjective
{
    /// <summary>What the given sessions' energy and shortfall cost (each once), plus every demand charge.</summary>
    public static double Of(Schedule schedule, ObjectiveTerms terms, IEnumerable<int> sessions)
    {
        var model = schedule.Model;
        var cost = schedule.DemandCost();
        foreach (var i in sessions.Distinct())
        {
            var s = model.Sessions[i];
            cost += terms.Penalty(model, s, schedule.MissingKwh(i));
            for (var j = 0; j < s.Length; j++)
            {
                cost += schedule.Currents[i][j] * s.KwhPerAmp[j] * model.PricePerKwh[s.First + j];
            }
        }

        return cost;
    }
}
