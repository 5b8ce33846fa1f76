using Scheduler.Optimizer.Solving.Assembly;
using Scheduler.Optimizer.Solving.Pricing;

namespace Scheduler.Optimizer.Solving.Repair;

/// <summary>
/// After the repair, a demand charge's peak may stand an amp or more above what the sessions need, where whole amps
/// were fitted under it one session at a time. This lowers each peak step by step: every slot above the lower peak
/// sheds its excess, an amp moved to another slot of the same session with room, or passed along a chain of
/// sessions (<see cref="PeakChain"/>), or, as the relaxation does, left undelivered within a session's rounding. A
/// lowering is kept only where the objective falls; at the end the sessions left short fill what room the lower
/// peaks still have.
/// </summary>
internal static class PeakLower
{
    /// <summary>
    /// The largest model whose slots shed along chains of sessions (1,000 vehicles over a day). On the benchmark's
    /// 5,000-vehicle sites the chains' search took 2-4 s for 0.02-0.03 points of gap; there the many sessions in
    /// each slot leave a direct move, or an amp within a session's rounding, almost always.
    /// </summary>
    private const int MaxPairsForChains = 100_000;

    /// <summary>A guard on the number of lowerings.</summary>
    private const int MaxRounds = 200;

    public static void Apply(Schedule schedule, ObjectiveTerms terms, Deadline deadline)
    {
        var model = schedule.Model;
        var dearestFirst = Enumerable.Range(0, model.DemandTerms.Length).OrderByDescending(d => model.DemandTerms[d].PerKw).ThenBy(d => d).ToArray();
        var scales = Enumerable.Repeat(1, model.DemandTerms.Length).ToArray();
        for (var round = 0; round < MaxRounds && !deadline.Expired; round++)
        {
            if (!dearestFirst.Any(d => TryLowerGalloping(schedule, terms, d, scales)))
            {
                break;
            }
        }

        // An amp left undelivered to pass one lowering may fit under the peaks the later ones reached.
        EnergyFill.Apply(schedule, terms, EnergyFill.ByMissingShare(schedule), PeakThresholds.Current(schedule), PeakPolicy.Hold, deadline);
    }

    /// <summary>
    /// Lowers term d's peak by its scale's number of steps, doubling the scale after each lowering and starting again
    /// from one step where a larger lowering fails: on large sites the peak falls by many small steps, and each
    /// lowering costs a pass over the site.
    /// </summary>
    private static bool TryLowerGalloping(Schedule schedule, ObjectiveTerms terms, int d, int[] scales)
    {
        if (TryLower(schedule, terms, d, scales[d]))
        {
            scales[d] *= 2;
            return true;
        }

        if (scales[d] == 1)
        {
            return false;
        }

        scales[d] = 1;
        return TryLowerGalloping(schedule, terms, d, scales);
    }

    /// <summary>Lowers term d's peak by <paramref name="steps"/> times the smallest amp present at it, if the slots above can shed it and the objective falls.</summary>
    private static bool TryLower(Schedule schedule, ObjectiveTerms terms, int d, int steps)
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
        lowered[d] = Math.Max(term.PeakSoFarKw, peaks[d] - (step * steps));
        var shed = Shed(schedule, terms, lowered);
        if (shed && PlanAssembler.Objective(schedule, terms) < before - Tolerance.Money)
        {
            schedule.Keep();
            return true;
        }

        schedule.RollBack();
        return false;
    }

    /// <summary>
    /// Brings every slot under the caps <paramref name="peaksKw"/> make: an amp moved within a session, else along a
    /// chain of sessions, else left undelivered within a session's rounding; false where none can. Moves only fill
    /// room, so once no chain is found out of a slot none will be, and the search (the costly part) stops there.
    /// Once no session there can move an amp straight on, only those that gave one up since may: the others, and the
    /// room in the slots they could move to, are as they were.
    /// </summary>
    private static bool Shed(Schedule schedule, ObjectiveTerms terms, double[] peaksKw)
    {
        var model = schedule.Model;
        var caps = CapsOf(model, peaksKw);
        for (var k = 0; k < model.SlotCount; k++)
        {
            var chains = model.PairCount <= MaxPairsForChains;
            List<(int Session, int Local)>? mayMove = null;
            while (schedule.AverageImportKw(k) > caps[k] + Tolerance.Limit)
            {
                if (MoveOne(schedule, k, caps, mayMove ?? model.Present[k]))
                {
                    continue;
                }

                if (chains && PeakChain.MoveOne(schedule, k, caps))
                {
                    mayMove = null;
                    continue;
                }

                chains = false;
                if (DropOne(schedule, terms, k) is not { } dropped)
                {
                    return false;
                }

                mayMove ??= [];
                mayMove.Add(dropped);
            }
        }

        return true;
    }

    /// <summary>Moves the cheapest amp out of slot k, of the sessions given there, to another slot of the same session with room under its cap.</summary>
    private static bool MoveOne(Schedule schedule, int k, double[] caps, IReadOnlyList<(int Session, int Local)> present)
    {
        var model = schedule.Model;
        var best = (Cost: double.PositiveInfinity, Session: -1, From: -1, To: -1, Amps: 0);
        foreach (var (i, j) in present)
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
                if (to == j || amps == 0 || Math.Abs(s.KwhPerAmp[to] - s.KwhPerAmp[j]) > Tolerance.Energy || other + amps > s.MaxA)
                {
                    continue;
                }

                // The cost first: the room checks walk the session's circuits, and most moves lose to the best already found.
                var cost = (model.EffectivePricePerKwh(s.First + to) - model.EffectivePricePerKwh(k)) * amps * s.KwhPerAmp[j];
                if (cost < best.Cost && schedule.RoomUnder(i, to, caps[s.First + to]) >= amps && schedule.Headroom(i, to) >= amps)
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
    /// Takes one amp out of slot k from the session there whose shortfall it leaves within its rounding segment at
    /// the least cost: the relaxation leaves that last fraction of an amp-slot undelivered wherever raising a peak
    /// for it would cost more, and whole amps may do the same. Returns the session and its local slot; null where none may.
    /// </summary>
    private static (int Session, int Local)? DropOne(Schedule schedule, ObjectiveTerms terms, int k)
    {
        var model = schedule.Model;
        var best = (Cost: double.PositiveInfinity, Session: -1, Local: -1);
        foreach (var (i, j) in model.Present[k])
        {
            var s = model.Sessions[i];
            var missing = schedule.MissingKwh(i);
            if (schedule.Currents[i][j] == 0 || !s.AllowsCurrent(schedule.Currents[i][j] - 1) || terms.IsShortBeyondRounding(model, s, missing + s.KwhPerAmp[j]))
            {
                continue;
            }

            var cost = terms.Penalty(model, s, missing + s.KwhPerAmp[j]) - terms.Penalty(model, s, missing) - (model.EffectivePricePerKwh(k) * s.KwhPerAmp[j]);
            if (cost < best.Cost)
            {
                best = (cost, i, j);
            }
        }

        if (best.Session < 0)
        {
            return null;
        }

        schedule.Set(best.Session, best.Local, schedule.Currents[best.Session][best.Local] - 1);
        return (best.Session, best.Local);
    }

    /// <summary>
    /// The fewest amps that can move from a slot at <paramref name="from"/> A to one at <paramref name="to"/> A with
    /// both left at 0 or at least <paramref name="minA"/>; 0 when no move can.
    /// </summary>
    private static int MoveSize(int minA, int from, int to)
    {
        var opening = to == 0 ? Math.Max(1, minA) : 1;
        return Leaves(opening) ? opening : Leaves(from) ? from : 0;

        bool Leaves(int amps) => amps >= opening && amps <= from && (from - amps == 0 || from - amps >= minA);
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
