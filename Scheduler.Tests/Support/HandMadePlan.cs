using NodaTime;
using Scheduler.Optimizer.Model;
using Scheduler.Optimizer.Plans;

namespace Scheduler.Tests.Support;

/// <summary>
/// Builds a <see cref="Plan"/> from currents chosen by hand, with every derived field (energies, periods, site
/// load, costs) filled in consistently from <see cref="ProblemFacts"/>; a test then breaks what it means to break.
/// </summary>
public static class HandMadePlan
{
    /// <summary>A plan whose sessions draw <paramref name="currentsA"/>[session][slot].</summary>
    public static Plan From(PlanningProblem problem, int[][] currentsA, PlanStatus status = PlanStatus.Feasible)
    {
        var facts = new ProblemFacts(problem);
        var sessions = problem.Sessions.Select((s, i) => SessionPlan(facts, i, currentsA[i])).ToList();
        var siteLoad = Enumerable.Range(0, facts.SlotCount).Select(k => SiteLoad(facts, currentsA, k)).ToList();
        var energyCost = siteLoad.Sum(l => l.PerKwh * l.ChargingKw * facts.SlotHours);
        var peakKw = siteLoad.Count == 0 ? 0 : Math.Max(0, siteLoad.Max(l => l.Kw));
        var bills = facts.DemandBills(siteLoad.Select(l => l.Kw).ToList());
        var demandCost = bills.Sum(b => b.Amount);
        var cost = energyCost + demandCost;
        return new Plan
        {
            Status = status,
            FallbackReason = status == PlanStatus.Fallback ? "made by hand" : null,
            Window = problem.Window,
            Currency = problem.Tariff.Currency,
            Cost = cost,
            EnergyCost = energyCost,
            DemandCost = demandCost,
            DemandCharges = problem.Tariff.DemandCharges
                .Select((d, i) => new DemandChargeBill(d.Id, d.PerKw, bills[i].PeakKw, d.PeakSoFarKw, bills[i].BilledKw, bills[i].Amount, 0))
                .ToList(),
            PeakKw = peakKw,
            Objective = cost + (1_000 * sessions.Sum(s => Math.Max(0, s.ShortfallKwh))),
            LowerBound = null,
            SolveMs = 0,
            Baseline = new BaselineResult(cost, sessions.Sum(s => s.DeliveredKwh), peakKw),
            Sessions = sessions,
            SiteLoad = siteLoad,
        };
    }

    /// <summary>Every session at 0 A throughout.</summary>
    public static int[][] Idle(PlanningProblem problem) =>
        problem.Sessions.Select(_ => new int[problem.Window.SlotCount]).ToArray();

    /// <summary>The periods of constant current within the session's window, equal neighbours merged, pauses included.</summary>
    public static IReadOnlyList<ChargingPeriod> Periods(ProblemFacts facts, int session, IReadOnlyList<int> currentsA)
    {
        var s = facts.Problem.Sessions[session];
        var periods = new List<ChargingPeriod>();
        for (var k = 0; k < facts.SlotCount; k++)
        {
            if (!facts.IsPresent(session, k))
            {
                continue;
            }

            var from = Instant.Max(facts.Window.SlotStart(k), s.Arrival);
            var to = Instant.Min(facts.Window.SlotEnd(k), s.Departure);
            var current = currentsA[k];
            if (periods.Count > 0 && periods[^1].End == from && periods[^1].CurrentA == current)
            {
                periods[^1] = periods[^1] with { End = to };
            }
            else
            {
                periods.Add(new ChargingPeriod(from, to, current, facts.PowerKw(session, current)));
            }
        }

        return periods;
    }

    private static SessionPlan SessionPlan(ProblemFacts facts, int i, int[] currentsA)
    {
        var session = facts.Problem.Sessions[i];
        var delivered = Enumerable.Range(0, facts.SlotCount).Sum(k => currentsA[k] * facts.KwhPerAmp(i, k));
        return new SessionPlan(
            session.Id,
            session.ChargerId,
            session.EnergyKwh,
            delivered,
            session.EnergyKwh - delivered,
            facts.Phases(i),
            currentsA,
            Periods(facts, i, currentsA));
    }

    private static SiteLoadSlot SiteLoad(ProblemFacts facts, int[][] currentsA, int k)
    {
        var chargingKw = Enumerable.Range(0, facts.Problem.Sessions.Count).Sum(i => currentsA[i][k] * facts.KwhPerAmp(i, k)) / facts.SlotHours;
        var baseKw = facts.AverageBaseLoadKw(k);
        return new SiteLoadSlot(
            facts.Window.SlotStart(k),
            facts.Window.SlotEnd(k),
            chargingKw + baseKw,
            chargingKw,
            baseKw,
            facts.LimitKw(k),
            facts.PricePerKwh(k));
    }
}
