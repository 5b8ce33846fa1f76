using Scheduler.Optimizer.Solving.Assembly;
using Scheduler.Optimizer.Solving.Pricing;

namespace Scheduler.Optimizer.Solving.Repair;

/// <summary>
/// After the repair, a demand charge's peak may stand an amp or two above what the sessions need, where whole amps
/// were fitted under it one session at a time. This tries to lower each peak by one amp at a time: every slot above
/// the lower peak moves the excess to another slot of the same sessions that has room under it. A lowering is kept
/// only where the objective falls.
/// </summary>
internal static class PeakLower
{
    /// <summary>A guard on the number of lowerings.</summary>
    private const int MaxRounds = 200;

    public static void Apply(Schedule schedule, ObjectiveTerms terms, Deadline deadline)
    {
        var model = schedule.Model;
        var dearestFirst = Enumerable.Range(0, model.DemandTerms.Length).OrderByDescending(d => model.DemandTerms[d].PerKw).ThenBy(d => d).ToArray();
        for (var round = 0; round < MaxRounds && !deadline.Expired; round++)
        {
            if (!dearestFirst.Any(d => TryLower(schedule, terms, d)))
            {
                return;
            }
        }
    }

    /// <summary>Lowers term d's peak by the smallest amp present at it, if the slots above can shed it and the objective falls.</summary>
    private static bool TryLower(Schedule schedule, ObjectiveTerms terms, int d)
    {
        var model = schedule.Model;
        var term = model.DemandTerms[d];
        var peaks = schedule.DemandPeaksKw();
        if (peaks[d] <= term.PeakSoFarKw + Tolerance.Limit)
        {
            return false;
        }

        var step = term.Slots
            .Where(k => schedule.AverageImportKw(k) > peaks[d] - Tolerance.Limit)
            .SelectMany(k => model.Present[k])
            .Where(p => schedule.Currents[p.Session][p.Local] > 0)
            .Select(p => model.Sessions[p.Session].KwPerAmp * model.Sessions[p.Session].Coverage[p.Local])
            .DefaultIfEmpty(0)
            .Min();
        if (step <= 0)
        {
            return false;
        }

        var before = PlanAssembler.Objective(schedule, terms);
        schedule.BeginTrial();
        var lowered = peaks.ToArray();
        lowered[d] = Math.Max(term.PeakSoFarKw, peaks[d] - step);
        if (Shed(schedule, lowered) && PlanAssembler.Objective(schedule, terms) < before - Tolerance.Money)
        {
            schedule.Keep();
            return true;
        }

        schedule.RollBack();
        return false;
    }

    /// <summary>Brings every slot under the caps <paramref name="peaksKw"/> make by moving amps within sessions; false where one cannot.</summary>
    private static bool Shed(Schedule schedule, double[] peaksKw)
    {
        var model = schedule.Model;
        var caps = CapsOf(model, peaksKw);
        for (var k = 0; k < model.SlotCount; k++)
        {
            while (schedule.AverageImportKw(k) > caps[k] + Tolerance.Limit)
            {
                if (!MoveOne(schedule, k, caps))
                {
                    return false;
                }
            }
        }

        return true;
    }

    /// <summary>Moves the cheapest amp out of slot k to another slot of the same session with room under its cap.</summary>
    private static bool MoveOne(Schedule schedule, int k, double[] caps)
    {
        var model = schedule.Model;
        var best = (Cost: double.PositiveInfinity, Session: -1, From: -1, To: -1, Amps: 0);
        foreach (var (i, j) in model.Present[k])
        {
            var s = model.Sessions[i];
            var current = schedule.Currents[i][j];
            if (current == 0)
            {
                continue;
            }

            for (var to = 0; to < s.Length; to++)
            {
                var other = schedule.Currents[i][to];
                var amps = MoveSize(s.MinA, current, other);
                if (to == j || amps == 0 || Math.Abs(s.KwhPerAmp[to] - s.KwhPerAmp[j]) > Tolerance.Energy || other + amps > s.MaxA
                    || schedule.Headroom(i, to) < amps || schedule.RoomUnder(i, to, caps[s.First + to]) < amps)
                {
                    continue;
                }

                var cost = (SlotOrder.EffectivePrice(model, i, s.First + to) - SlotOrder.EffectivePrice(model, i, k)) * amps * s.KwhPerAmp[j];
                if (cost < best.Cost)
                {
                    best = (cost, i, j, to, amps);
                }
            }
        }

        if (best.Session < 0)
        {
            return false;
        }

        schedule.Set(best.Session, best.From, schedule.Currents[best.Session][best.From] - best.Amps);
        schedule.Set(best.Session, best.To, schedule.Currents[best.Session][best.To] + best.Amps);
        return true;
    }

    /// <summary>
    /// The fewest amps that can move from a slot at <paramref name="from"/> A to one at <paramref name="to"/> A with
    /// both left at 0 or at least <paramref name="minA"/>; 0 when no move can.
    /// </summary>
    private static int MoveSize(int minA, int from, int to)
    {
        var opening = to == 0 ? Math.Max(1, minA) : 1;
        foreach (var amps in new[] { opening, from })
        {
            var left = from - amps;
            if (amps >= opening && amps <= from && (left == 0 || left >= minA))
            {
                return amps;
            }
        }

        return 0;
    }

    private static double[] CapsOf(Grid.SlotModel model, double[] peaksKw)
    {
        var caps = Enumerable.Repeat(double.PositiveInfinity, model.SlotCount).ToArray();
        for (var d = 0; d < model.DemandTerms.Length; d++)
        {
            foreach (var k in model.DemandTerms[d].Slots)
            {
                caps[k] = Math.Min(caps[k], peaksKw[d]);
            }
        }

        return caps;
    }
}
