using Scheduler.Optimizer.Solving.Pricing;

namespace Scheduler.Optimizer.Solving.Repair;

/// <summary>
/// Where the site's limit binds, a slot can keep a fraction of an amp free that no three-phase session can use,
/// while a one-phase session there could move an amp of its own to another of its slots: the min-cost flow moves
/// amps only within a class of sessions, so a session short by an amp-slot or two can stay short beside that room.
/// This stage makes such swaps: for a session still short, in a slot where it could take an amp but for the room,
/// another session moves the few amps that free it to another slot of its own that has room under every limit
/// and every peak, keeping its energy.
/// </summary>
internal static class SiteRoomSwap
{
    /// <summary>A guard on the swaps per session: each gives it at least an amp-slot, so few are needed.</summary>
    private const int MaxSwapsPerSession = 64;

    /// <summary>Swaps room to the sessions short beyond their rounding, most short first, while one pays.</summary>
    public static void Apply(Schedule schedule, ObjectiveTerms terms, PeakThresholds peaks, Deadline deadline)
    {
        var model = schedule.Model;
        var shortOnes = EnergyFill.ByMissingShare(schedule).Where(i => ShortBeyondRounding(schedule, terms, i)).ToArray();
        if (shortOnes.Length == 0)
        {
            return;
        }

        var atSlot = Enumerable.Range(0, model.SlotCount).Select(_ => new List<(int Session, int Local)>()).ToArray();
        foreach (var s in model.Sessions)
        {
            for (var j = 0; j < s.Length; j++)
            {
                atSlot[s.First + j].Add((s.Index, j));
            }
        }

        foreach (var i in shortOnes)
        {
            for (var swap = 0; swap < MaxSwapsPerSession && !deadline.Expired && ShortBeyondRounding(schedule, terms, i) && SwapOnce(schedule, peaks, atSlot, i); swap++)
            {
            }
        }
    }

    private static bool ShortBeyondRounding(Schedule schedule, ObjectiveTerms terms, int i) =>
        terms.IsShortBeyondRounding(schedule.Model, schedule.Model.Sessions[i], schedule.MissingKwh(i));

    /// <summary>Gives session i one step (an amp, or its minimum where it is off) in its cheapest slot a swap can free; false when none can.</summary>
    private static bool SwapOnce(Schedule schedule, PeakThresholds peaks, List<(int Session, int Local)>[] atSlot, int i)
    {
        var model = schedule.Model;
        var s = model.Sessions[i];
        foreach (var j in SlotOrder.CheapestWholeSlotsBelowMax(schedule, i))
        {
            var add = schedule.Currents[i][j] == 0 ? s.MinA : 1;
            if (schedule.Currents[i][j] + add > s.MaxA || add * s.KwhPerAmp[j] > schedule.MissingKwh(i) + Tolerance.Energy
                || schedule.RoomUnder(i, j, peaks.Cap(s.First + j)) < add)
            {
                continue;
            }

            foreach (var (b, jb) in atSlot[s.First + j])
            {
                if (b != i && TryFree(schedule, peaks, b, jb, i, j, add))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>Moves amps of session b out of its local slot jb (the slot of i's local slot j) to another of its slots, if that lets i add <paramref name="add"/> amps there.</summary>
    private static bool TryFree(Schedule schedule, PeakThresholds peaks, int b, int jb, int i, int j, int add)
    {
        var model = schedule.Model;
        var sb = model.Sessions[b];
        var current = schedule.Currents[b][jb];
        if (current == 0 || sb.Coverage[jb] < 1 - Tolerance.Coverage)
        {
            return false;
        }

        var lackKw = (add * model.Sessions[i].KwPerAmp) - (model.HeadroomKw[sb.First + jb] - schedule.ChargingKw(sb.First + jb));
        var move = Math.Max(1, (int)Math.Ceiling((lackKw / sb.KwPerAmp) - Tolerance.Amps));
        if (current - move is > 0 and var left && left < sb.MinA)
        {
            move = current;
        }

        if (move > current)
        {
            return false;
        }

        for (var to = 0; to < sb.Length; to++)
        {
            var there = schedule.Currents[b][to];
            if (to == jb || sb.Coverage[to] < 1 - Tolerance.Coverage || there + move > sb.MaxA || (there == 0 && move < sb.MinA)
                || schedule.Headroom(b, to) < move || schedule.RoomUnder(b, to, peaks.Cap(sb.First + to)) < move)
            {
                continue;
            }

            schedule.Set(b, jb, current - move);
            schedule.Set(b, to, there + move);
            if (schedule.Headroom(i, j) >= add && schedule.RoomUnder(i, j, peaks.Cap(model.Sessions[i].First + j)) >= add)
            {
                schedule.Set(i, j, schedule.Currents[i][j] + add);
                return true;
            }

            schedule.Set(b, to, there);
            schedule.Set(b, jb, current);
            return false;
        }

        return false;
    }
}
