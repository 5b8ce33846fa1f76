namespace Scheduler.Optimizer.Solving.Repair;

/// <summary>
/// The last part of a request can be smaller than the minimum current gives in any slot. Then one more slot is
/// opened at the minimum and the overshoot is taken back, a whole amp at a time, from the session's dearest slots
/// running above their minimum.
/// </summary>
internal static class SmallRest
{
    /// <summary>Opens the slot where session i's rest costs least (energy and any demand charge it raises), if its dearer slots can give the overshoot back.</summary>
    /// <param name="schedule">The schedule.</param>
    /// <param name="terms">The objective's penalty, which the rest must outweigh.</param>
    /// <param name="i">The session.</param>
    /// <param name="peaks">The demand thresholds.</param>
    /// <param name="mayRaisePeaks">Whether the opened slot may pass its threshold (which is then raised).</param>
    public static void Open(Schedule schedule, Pricing.ObjectiveTerms terms, int i, PeakThresholds peaks, bool mayRaisePeaks)
    {
        var model = schedule.Model;
        var s = model.Sessions[i];
        var remaining = schedule.MissingKwh(i);
        if (remaining <= Tolerance.Energy)
        {
            return;
        }

        // The rest is worth opening a slot for only where that costs less than the shortfall it saves: all of it, or
        // what the slot gives at the minimum where the rest is larger (as a top-up toward full often is).
        var penalty = terms.Penalty(model, s, remaining);

        var cheapestFirst = SlotOrder.CheapestFirst(model, s);
        var best = (Cost: double.PositiveInfinity, Local: -1, Trims: (List<(int Local, int Amps)>?)null);
        foreach (var j in cheapestFirst)
        {
            if (schedule.Currents[i][j] != 0 || Room(schedule, i, j, peaks, mayRaisePeaks) < s.MinA)
            {
                continue;
            }

            var k = s.First + j;
            if (Trims(schedule, i, j, (s.MinA * s.KwhPerAmp[j]) - remaining, cheapestFirst) is not { } trims)
            {
                continue;
            }

            var cost = (model.EffectivePricePerKwh(k) * s.MinA * s.KwhPerAmp[j])
                - trims.Sum(t => model.EffectivePricePerKwh(s.First + t.Local) * t.Amps * s.KwhPerAmp[t.Local])
                + peaks.RaiseCost(k, schedule.AverageImportKw(k) + (s.MinA * s.KwPerAmp * s.Coverage[j]));
            var saved = penalty - terms.Penalty(model, s, Math.Max(0, remaining - (s.MinA * s.KwhPerAmp[j])));
            if (cost < best.Cost - Tolerance.Money && cost < saved - Tolerance.Money)
            {
                best = (cost, j, trims);
            }
        }

        if (best.Trims is not { } chosen)
        {
            return;
        }

        schedule.Set(i, best.Local, s.MinA);
        foreach (var (local, amps) in chosen)
        {
            schedule.Set(i, local, schedule.Currents[i][local] - amps);
        }

        peaks.RaiseTo(s.First + best.Local, schedule.AverageImportKw(s.First + best.Local));
    }

    /// <summary>Whole amps to take from the dearest slots running above the minimum to give back <paramref name="overshootKwh"/>; null if they cannot.</summary>
    private static List<(int Local, int Amps)>? Trims(Schedule schedule, int i, int opened, double overshootKwh, int[] cheapestFirst)
    {
        var s = schedule.Model.Sessions[i];
        var trims = new List<(int Local, int Amps)>();
        for (var d = cheapestFirst.Length - 1; d >= 0 && overshootKwh > Tolerance.Energy; d--)
        {
            var dear = cheapestFirst[d];
            var spare = dear == opened ? 0 : schedule.Currents[i][dear] - s.MinA;
            if (spare <= 0)
            {
                continue;
            }

            var amps = Math.Min(spare, (int)Math.Ceiling((overshootKwh / s.KwhPerAmp[dear]) - Tolerance.Amps));
            trims.Add((dear, amps));
            overshootKwh -= amps * s.KwhPerAmp[dear];
        }

        return overshootKwh > Tolerance.Energy ? null : trims;
    }

    /// <summary>The amps session i may add in local slot j within every limit, and under the slot's peak cap unless it may raise it.</summary>
    public static int Room(Schedule schedule, int i, int j, PeakThresholds peaks, bool mayRaisePeaks) => mayRaisePeaks
        ? schedule.Headroom(i, j)
        : Math.Min(schedule.Headroom(i, j), schedule.RoomUnder(i, j, peaks.Cap(schedule.Model.Sessions[i].First + j)));
}
