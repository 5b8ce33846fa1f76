using System.Globalization;
using NodaTime;
using Scheduler.Optimizer.Plans;
using Scheduler.Optimizer.Solving.Pricing;

namespace Scheduler.Optimizer.Solving.Assembly;

/// <summary>Prices a schedule and turns it into a <see cref="Plan"/>: sessions with periods, and the site's load per slot.</summary>
internal static class PlanAssembler
{
    /// <summary>The objective of a schedule: charging energy cost, demand charge and shortfall penalty.</summary>
    public static double Objective(Schedule schedule, ObjectiveTerms terms)
    {
        var (energyCost, bills) = Costs(schedule);
        var demandCost = DemandBilling.Total(bills);
        var penalty = 0.0;
        for (var i = 0; i < schedule.Model.Sessions.Length; i++)
        {
            var s = schedule.Model.Sessions[i];
            penalty += terms.Penalty(schedule.Model, s, s.TargetKwh - schedule.EnergyKwh(i));
        }

        return energyCost + demandCost + penalty;
    }

    public static Plan Assemble(
        Schedule schedule,
        ObjectiveTerms terms,
        PlanStatus status,
        string? fallbackReason,
        double? lowerBound,
        BaselineResult baseline,
        long solveMs)
    {
        var model = schedule.Model;
        var problem = model.Problem;
        var window = problem.Window;
        var (energyCost, bills) = Costs(schedule);
        var demandCost = DemandBilling.Total(bills);
        var objective = Objective(schedule, terms);
        var chargingKw = new double[model.SlotCount];
        var sessions = new List<SessionPlan>(model.Sessions.Length);
        var chargers = problem.Site.Chargers.GroupBy(c => c.Id, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        for (var i = 0; i < model.Sessions.Length; i++)
        {
            var s = model.Sessions[i];
            var session = problem.Sessions[i];
            var slotCurrents = new int[model.SlotCount];
            for (var j = 0; j < s.Length; j++)
            {
                slotCurrents[s.First + j] = schedule.Currents[i][j];
                chargingKw[s.First + j] += schedule.Currents[i][j] * s.KwPerAmp * s.Coverage[j];
            }

            var delivered = schedule.EnergyKwh(i);
            sessions.Add(new SessionPlan(
                session.Id,
                session.ChargerId,
                session.EnergyKwh,
                delivered,
                Math.Max(0, session.EnergyKwh - delivered),
                s.Phases,
                slotCurrents,
                Periods(window, session.Arrival, session.Departure, slotCurrents, s.KwPerAmp))
            {
                Note = Note(problem.Window, chargers[session.ChargerId], session),
            });
        }

        var siteLoad = new SiteLoadSlot[model.SlotCount];
        for (var k = 0; k < model.SlotCount; k++)
        {
            siteLoad[k] = new SiteLoadSlot(
                window.SlotStart(k),
                window.SlotEnd(k),
                model.BaseAverageKw[k] + chargingKw[k],
                chargingKw[k],
                model.BaseAverageKw[k],
                model.LimitKw[k],
                model.PricePerKwh[k]);
        }

        return new Plan
        {
            Status = status,
            FallbackReason = fallbackReason,
            Window = window,
            Currency = problem.Tariff.Currency,
            Cost = energyCost + demandCost,
            EnergyCost = energyCost,
            DemandCost = demandCost,
            DemandCharges = bills,
            PeakKw = schedule.PeakKw(),
            Objective = objective,
            LowerBound = lowerBound,
            SolveMs = solveMs,
            Baseline = baseline,
            Sessions = sessions,
            SiteLoad = siteLoad,
        };
    }

    private static (double EnergyCost, IReadOnlyList<DemandChargeBill> Bills) Costs(Schedule schedule)
    {
        var model = schedule.Model;
        var energyCost = 0.0;
        for (var i = 0; i < model.Sessions.Length; i++)
        {
            var s = model.Sessions[i];
            for (var j = 0; j < s.Length; j++)
            {
                energyCost += schedule.Currents[i][j] * s.KwhPerAmp[j] * model.PricePerKwh[s.First + j];
            }
        }

        var imports = Enumerable.Range(0, model.SlotCount).Select(schedule.AverageImportKw).ToArray();
        return (energyCost, DemandBilling.Bill(model.Problem.Tariff.DemandCharges, model.Problem.Window, imports));
    }

    /// <summary>Why a session cannot be planned at all, or null when it can.</summary>
    private static SessionNote? Note(Model.PlanningWindow window, Model.Charger charger, Model.Session session)
    {
        var minimum = Math.Max(charger.MinCurrentA, session.MinCurrentA ?? 0);
        var maximum = Math.Min(charger.MaxCurrentA, session.MaxCurrentA);
        if (maximum < minimum)
        {
            return new SessionNote(SessionNote.CannotDraw, string.Create(CultureInfo.InvariantCulture, $"the vehicle can draw at most {maximum} A, below the minimum of {minimum} A"));
        }

        if (session.Departure <= window.Start || session.Arrival >= window.End)
        {
            return new SessionNote(SessionNote.OutsideWindow, $"plugged in from {session.Arrival} to {session.Departure}, outside the planning window {window.Start} to {window.End}");
        }

        return null;
    }

    /// <summary>Constant-current intervals within the session's window; neighbouring slots of equal current merge.</summary>
    private static List<ChargingPeriod> Periods(Model.PlanningWindow window, Instant arrival, Instant departure, int[] slotCurrents, double kwPerAmp)
    {
        var periods = new List<ChargingPeriod>();
        var windowStart = Instant.Max(arrival, window.Start);
        var windowEnd = Instant.Min(departure, window.End);
        if (windowEnd <= windowStart)
        {
            return periods;
        }

        for (var k = 0; k < slotCurrents.Length; k++)
        {
            var start = Instant.Max(window.SlotStart(k), windowStart);
            var end = Instant.Min(window.SlotEnd(k), windowEnd);
            if (end <= start)
            {
                continue;
            }

            var current = slotCurrents[k];
            if (periods.Count > 0 && periods[^1].CurrentA == current && periods[^1].End == start)
            {
                periods[^1] = periods[^1] with { End = end };
            }
            else
            {
                periods.Add(new ChargingPeriod(start, end, current, current * kwPerAmp));
            }
        }

        return periods;
    }
}
