using NodaTime;
using Scheduler.Optimizer.Model;
using Scheduler.Optimizer.Plans;
using Scheduler.Protocols.Ocpp;
using Scheduler.Tests.Support;

namespace Scheduler.Tests.Protocols.Ocpp;

/// <summary>Problems for the OCPP tests: what <see cref="ProblemBuilder"/> cannot set (transaction ids, period budgets) added afterwards.</summary>
internal static class OcppProblems
{
    /// <summary>Two 3-phase chargers on a 40 A feeder, prices that change every slot, sessions of 2.5 h and 3 h, one arriving mid-slot.</summary>
    public static PlanningProblem TwoChargers(string? tx1 = "tx-1", string? tx2 = "42", int maxSchedulePeriods = Charger.DefaultMaxSchedulePeriods) =>
        With(
            new ProblemBuilder()
                .Slots(16)
                .Circuit("feeder", 40)
                .Charger("cp1", maxA: 32, circuit: "feeder")
                .Charger("cp2", maxA: 32, circuit: "feeder")
                .SlotPrices(0.30, 0.28, 0.10, 0.12, 0.35, 0.05, 0.40, 0.08, 0.22, 0.18, 0.31, 0.07, 0.26, 0.15, 0.33, 0.09)
                .Session("s1", "cp1", arrive: 20, depart: 170, kwh: 25, maxA: 16)
                .Session("s2", "cp2", arrive: 0, depart: 180, kwh: 30, maxA: 32)
                .Build(),
            new Dictionary<string, string?> { ["s1"] = tx1, ["s2"] = tx2 },
            maxSchedulePeriods);

    /// <summary><paramref name="problem"/> with the sessions' transaction ids and every charger's period budget replaced.</summary>
    public static PlanningProblem With(PlanningProblem problem, IReadOnlyDictionary<string, string?> transactionIds, int maxSchedulePeriods)
    {
        var site = problem.Site;
        var chargers = site.Chargers
            .Select(c => new Charger(c.Id, c.CircuitId, c.MaxCurrentA, c.MinCurrentA, c.Phases, c.PhaseRotation, maxSchedulePeriods))
            .ToList();
        var sessions = problem.Sessions
            .Select(s => new Session(
                s.Id, s.ChargerId, s.Arrival, s.Departure, s.EnergyKwh, s.MaxCurrentA, s.Phases, s.VehicleId,
                transactionIds.TryGetValue(s.Id, out var tx) ? tx : s.TransactionId, s.MinCurrentA))
            .ToList();
        return problem with
        {
            Site = new Site(site.Id, site.TimeZone, site.VoltageV, site.GridLimitKw, site.Circuits, chargers, site.BaseLoad),
            Sessions = sessions,
        };
    }

    /// <summary>
    /// Every minute from the session's start in the window until 30 minutes after its end where the profile allows
    /// more than the plan (0 after the end), as "minute: allowed > planned".
    /// </summary>
    public static IReadOnlyList<string> Exceedances(Plan plan, PlanningProblem problem, ChargingProfile profile, bool exact)
    {
        var session = problem.Sessions.Single(s => s.Id == profile.SessionId);
        var planned = plan.Sessions.Single(s => s.SessionId == profile.SessionId);
        var intervals = ChargingProfileReader.Read(profile.Payload, problem.Site.VoltageV);
        var from = session.Arrival > plan.Window.Start ? session.Arrival : plan.Window.Start;
        var to = session.Departure < plan.Window.End ? session.Departure : plan.Window.End;
        var found = new List<string>();
        for (var t = from; t < to + Duration.FromMinutes(30); t += Duration.FromMinutes(1))
        {
            var slot = (int)((t - plan.Window.Start).TotalMinutes / plan.Window.SlotLength.TotalMinutes);
            var plannedA = t < to ? planned.SlotCurrentsA[slot] : 0;
            var allowedA = ChargingProfileReader.LimitAt(intervals, t);
            if (allowedA is not { } a || a > plannedA || (exact && a != plannedA))
            {
                found.Add($"{(t - plan.Window.Start).TotalMinutes}: {allowedA?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none"} vs {plannedA}");
            }
        }

        return found;
    }
}
