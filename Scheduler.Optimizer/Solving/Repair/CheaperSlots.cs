namespace Scheduler.Optimizer.Solving.Repair;

/// <summary>
/// Moves each session's current from its dearest slots to cheaper ones that have room, keeping its energy, every
/// current 0 or within its range, every limit and every demand peak, until no such move saves money.
/// </summary>
internal static class CheaperSlots
{
    /// <summary>Improves every session in turn; the peaks are held where <paramref name="peaks"/> puts them.</summary>
    public static void Apply(Schedule schedule, PeakThresholds peaks, Deadline deadline)
    {
        var model = schedule.Model;
        foreach (var s in model.Sessions)
        {
            if (deadline.Expired)
            {
                return;
            }

            if (s.Length >= 2)
            {
                ImproveSession(schedule, s.Index, peaks);
            }
        }
    }

    private static void ImproveSession(Schedule schedule, int i, PeakThresholds peaks)
    {
        var model = schedule.Model;
        var s = model.Sessions[i];
        var cheapest = SlotOrder.CheapestFirst(model, s);
        var improved = true;
        for (var guard = s.Length * (s.MaxA + 1); improved && guard > 0; guard--)
        {
            improved = false;
            for (var e = cheapest.Length - 1; e >= 0 && !improved; e--)
            {
                var dear = cheapest[e];
                if (schedule.Currents[i][dear] == 0)
                {
                    continue;
                }

                for (var c = 0; c < e && !improved; c++)
                {
                    var cheap = cheapest[c];
                    if (model.EffectivePricePerKwh(s.First + cheap) >= model.EffectivePricePerKwh(s.First + dear) - Tolerance.Money)
                    {
                        break;
                    }

                    improved = TryMove(schedule, i, dear, cheap, peaks);
                }
            }
        }
    }

    /// <summary>Moves as many amps as allowed from slot <paramref name="dear"/> to slot <paramref name="cheap"/> of session i.</summary>
    private static bool TryMove(Schedule schedule, int i, int dear, int cheap, PeakThresholds peaks)
    {
        var s = schedule.Model.Sessions[i];

        // Only slots that deliver the same energy per amp trade current: a move never changes the energy.
        if (Math.Abs(s.KwhPerAmp[dear] - s.KwhPerAmp[cheap]) > Tolerance.Energy)
        {
            return false;
        }

        var from = schedule.Currents[i][dear];
        var to = schedule.Currents[i][cheap];
        for (var d = Math.Min(SmallRest.Room(schedule, i, cheap, peaks, mayRaisePeaks: false), from); d > 0; d--)
        {
            if (to + d < s.MinA)
            {
                return false;
            }

            if (!s.AllowsCurrent(from - d))
            {
                continue;
            }

            schedule.Set(i, cheap, to + d);
            schedule.Set(i, dear, from - d);
            return true;
        }

        return false;
    }
}
