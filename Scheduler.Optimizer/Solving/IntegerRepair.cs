namespace Scheduler.Optimizer.Solving;

/// <summary>
/// Turns a fractional schedule into one of whole amps that are 0 or between each session's minimum and maximum,
/// without breaking any limit: round down (which cannot break a limit), then give back the lost energy in each
/// session's cheapest slots that still have room, then move energy from dear slots to cheaper ones.
/// </summary>
internal static class IntegerRepair
{
    /// <summary>Rounds the relaxation down to whole amps, dropping any current below the session's minimum.</summary>
    public static Schedule RoundDown(SlotModel model, double[][] fractional)
    {
        var schedule = new Schedule(model);
        for (var i = 0; i < model.Sessions.Length; i++)
        {
            var s = model.Sessions[i];
            for (var j = 0; j < s.Length; j++)
            {
                var amps = Math.Min(s.MaxA, (int)Math.Floor(fractional[i][j] + 1e-6));
                if (amps >= s.MinA)
                {
                    schedule.Set(i, j, amps);
                }
            }
        }

        EnforceLimits(schedule);
        TrimToRequest(schedule);
        return schedule;
    }

    /// <summary>
    /// Gives every session as much of its missing energy as fits, in its cheapest slots first. Sessions missing the
    /// largest share of their request go first. With <paramref name="peakCapKw"/> (per slot), no slot's average import is
    /// raised above its slot's cap (the demand charges stay where the relaxation put them).
    /// </summary>
    public static void Fill(Schedule schedule, IEnumerable<int> order, double[]? peakCapKw, ObjectiveTerms terms)
    {
        var model = schedule.Model;
        foreach (var i in order)
        {
            var s = model.Sessions[i];
            if (s.Length == 0 || s.MaxA == 0 || Missing(schedule, i) <= MinStepKwh(s) * 0.5)
            {
                continue;
            }

            var cheapest = CheapestFirst(model, s, terms);
            FillSession(schedule, i, cheapest, peakCapKw, terms);
            if (Missing(schedule, i) > s.KwPerAmp * model.SlotHours)
            {
                RebuildOnWholeSlots(schedule, i, cheapest, peakCapKw, terms);
            }
        }
    }

    /// <summary>
    /// A cheap slot the session covers only in part, run at full current, can leave a rest too small for the
    /// minimum current anywhere else. Starting over on the fully covered slots first may deliver more: keep
    /// whichever delivers more energy.
    /// </summary>
    private static void RebuildOnWholeSlots(Schedule schedule, int i, int[] cheapest, double[]? peakCapKw, ObjectiveTerms terms)
    {
        var s = schedule.Model.Sessions[i];
        var before = (int[])schedule.Currents[i].Clone();
        var energyBefore = schedule.EnergyKwh(i);
        for (var j = 0; j < s.Length; j++)
        {
            schedule.Set(i, j, 0);
        }

        var wholeFirst = cheapest.Where(j => s.Coverage[j] >= 1 - 1e-12).Concat(cheapest.Where(j => s.Coverage[j] < 1 - 1e-12)).ToArray();
        FillSession(schedule, i, wholeFirst, peakCapKw, terms);
        if (schedule.EnergyKwh(i) > energyBefore + 1e-9)
        {
            return;
        }

        for (var j = 0; j < s.Length; j++)
        {
            schedule.Set(i, j, 0);
        }

        for (var j = 0; j < s.Length; j++)
        {
            schedule.Set(i, j, before[j]);
        }
    }

    private static double Missing(Schedule schedule, int i) => schedule.Model.Sessions[i].TargetKwh - schedule.EnergyKwh(i);

    /// <summary>Adds current to session i, slot by slot in the given order, up to its target energy.</summary>
    private static void FillSession(Schedule schedule, int i, int[] slots, double[]? peakCapKw, ObjectiveTerms terms)
    {
        var s = schedule.Model.Sessions[i];
        var remaining = Missing(schedule, i);
        foreach (var j in slots)
        {
            var perAmp = s.KwhPerAmp[j];
            var wanted = (int)Math.Floor((remaining / perAmp) + 1e-9);
            if (wanted <= 0)
            {
                continue;
            }

            var current = schedule.Currents[i][j];
            var add = Math.Min(RoomAt(schedule, i, j, peakCapKw), wanted);
            if (add <= 0 || current + add < s.MinA)
            {
                continue;
            }

            schedule.Set(i, j, current + add);
            remaining -= add * perAmp;
        }

        if (remaining > 1e-9)
        {
            OpenSlotAndTrim(schedule, i, remaining, slots, peakCapKw);
        }

        for (var attempt = 0; attempt < 3 && Missing(schedule, i) > 1e-9; attempt++)
        {
            TopUpPastPartialSlots(schedule, i, slots, peakCapKw, terms);
        }
    }

    /// <summary>
    /// Slots covered only in part deliver odd amounts, so a session can end a fraction of a step below its target
    /// with no whole step left that fits under its request. One more step in some slot, paid for where needed by
    /// fewer amps in another, can still come closer: take the move whose saved penalty most exceeds its price.
    /// </summary>
    private static void TopUpPastPartialSlots(Schedule schedule, int i, int[] slots, double[]? peakCapKw, ObjectiveTerms terms)
    {
        var model = schedule.Model;
        var s = model.Sessions[i];
        var delivered = schedule.EnergyKwh(i);
        var penaltyBefore = terms.Penalty(model, s, s.TargetKwh - delivered);

        // A move is worth the penalty it saves less what its energy costs.
        double Gain(double energy, int raise, int raiseBy, int lower, int lowerBy) =>
            penaltyBefore - terms.Penalty(model, s, s.TargetKwh - energy)
            - (raiseBy * s.KwhPerAmp[raise] * model.PricePerKwh[s.First + raise])
            + (lower < 0 ? 0 : lowerBy * s.KwhPerAmp[lower] * model.PricePerKwh[s.First + lower]);

        var best = (Gain: 1e-12, Raise: -1, RaiseTo: 0, Lower: -1, LowerTo: 0);
        foreach (var f in slots)
        {
            var current = schedule.Currents[i][f];
            var add = current == 0 ? s.MinA : 1;
            if (RoomAt(schedule, i, f, peakCapKw) < add)
            {
                continue;
            }

            var raised = delivered + (add * s.KwhPerAmp[f]);
            if (raised <= s.EnergyKwh + 1e-9)
            {
                var gain = Gain(raised, f, add, -1, 0);
                if (gain > best.Gain)
                {
                    best = (gain, f, current + add, -1, 0);
                }

                continue;
            }

            for (var p = 0; p < s.Length; p++)
            {
                var other = schedule.Currents[i][p];
                if (p == f || other == 0)
                {
                    continue;
                }

                var left = other - (int)Math.Ceiling(((raised - s.EnergyKwh) / s.KwhPerAmp[p]) - 1e-9);
                if (left > 0 && left < s.MinA)
                {
                    left = 0;
                }

                var energy = raised - ((other - left) * s.KwhPerAmp[p]);
                if (left < 0 || energy <= delivered + 1e-9 || energy > s.EnergyKwh + 1e-9)
                {
                    continue;
                }

                var gain = Gain(energy, f, add, p, other - left);
                if (gain > best.Gain)
                {
                    best = (gain, f, current + add, p, left);
                }
            }
        }

        if (best.Raise < 0)
        {
            return;
        }

        schedule.Set(i, best.Raise, best.RaiseTo);
        if (best.Lower >= 0)
        {
            schedule.Set(i, best.Lower, best.LowerTo);
        }
    }

    /// <summary>
    /// Moves current of each session from its dearest slots to cheaper ones with room, keeping its energy
    /// within its request and every current 0 or within its range, until no such move saves money.
    /// </summary>
    public static void MoveToCheaperSlots(Schedule schedule, ObjectiveTerms terms, bool protectPeak)
    {
        var model = schedule.Model;
        var peak = protectPeak ? schedule.PeakCapsKw(schedule.DemandPeaksKw()) : null;
        for (var i = 0; i < model.Sessions.Length; i++)
        {
            var s = model.Sessions[i];
            if (s.Length < 2)
            {
                continue;
            }

            var cheapest = CheapestFirst(model, s, terms);
            var improved = true;
            var guard = s.Length * (s.MaxA + 1);
            while (improved && guard-- > 0)
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
                        if (EffectivePrice(model, terms, s.First + cheap) >= EffectivePrice(model, terms, s.First + dear) - 1e-12)
                        {
                            break;
                        }

                        improved = TryMove(schedule, i, dear, cheap, peak);
                    }
                }
            }
        }
    }

    /// <summary>Lowers currents until every slot keeps every limit: a safety net behind every stage.</summary>
    public static void EnforceLimits(Schedule schedule)
    {
        var model = schedule.Model;
        var present = SessionsBySlot(model);
        for (var k = 0; k < model.SlotCount; k++)
        {
            while (schedule.OverloadedOn(k, out _) is { } overloaded)
            {
                // Lower the session drawing the most on the broken limit by one step.
                var best = -1;
                var bestJ = -1;
                foreach (var (i, j) in present[k])
                {
                    if (schedule.Currents[i][j] > 0 && schedule.Loads(i, overloaded.Circuit, overloaded.Phase)
                        && (best < 0 || schedule.Currents[i][j] > schedule.Currents[best][bestJ]))
                    {
                        best = i;
                        bestJ = j;
                    }
                }

                if (best < 0)
                {
                    break;
                }

                var lowered = schedule.Currents[best][bestJ] - 1;
                schedule.Set(best, bestJ, lowered >= model.Sessions[best].MinA ? lowered : 0);
            }
        }
    }

    /// <summary>Lowers currents, dearest slots first, until no session gets more than it asked for.</summary>
    public static void TrimToRequest(Schedule schedule)
    {
        var model = schedule.Model;
        for (var i = 0; i < model.Sessions.Length; i++)
        {
            var s = model.Sessions[i];
            var excess = schedule.EnergyKwh(i) - s.EnergyKwh;
            if (excess <= 1e-9)
            {
                continue;
            }

            var dearest = Enumerable.Range(0, s.Length).OrderByDescending(j => model.PricePerKwh[s.First + j]).ThenByDescending(j => j).ToArray();
            foreach (var j in dearest)
            {
                while (excess > 1e-9 && schedule.Currents[i][j] > 0)
                {
                    var current = schedule.Currents[i][j];
                    var next = current - 1 >= s.MinA ? current - 1 : 0;
                    schedule.Set(i, j, next);
                    excess -= (current - next) * s.KwhPerAmp[j];
                }
            }
        }
    }

    /// <summary>Per slot, the (session, local slot) pairs of the sessions that cover it.</summary>
    public static List<(int Session, int Local)>[] SessionsBySlot(SlotModel model)
    {
        var present = Enumerable.Range(0, model.SlotCount).Select(_ => new List<(int, int)>()).ToArray();
        foreach (var s in model.Sessions)
        {
            for (var j = 0; j < s.Length; j++)
            {
                present[s.First + j].Add((s.Index, j));
            }
        }

        return present;
    }

    /// <summary>The energy of the smallest change a session can make: one amp in its least covered slot.</summary>
    private static double MinStepKwh(SessionSlots s) => s.KwhPerAmp.Length == 0 ? 0 : s.KwhPerAmp.Min();

    private static double EffectivePrice(SlotModel model, ObjectiveTerms terms, int k) => model.PricePerKwh[k] + terms.TieBreakPerKwh(k);

    private static int[] CheapestFirst(SlotModel model, SessionSlots s, ObjectiveTerms terms) =>
        Enumerable.Range(0, s.Length)
            .OrderBy(j => EffectivePrice(model, terms, s.First + j))
            .ThenBy(j => j)
            .ToArray();

    private static int RoomAt(Schedule schedule, int i, int j, double[]? peakCapKw)
    {
        var room = schedule.Headroom(i, j);
        if (peakCapKw is { } caps)
        {
            room = Math.Min(room, schedule.PeakHeadroom(i, j, caps[schedule.Model.Sessions[i].First + j]));
        }

        return room;
    }

    /// <summary>
    /// The rest is less than a minimum-current block: switch on one more slot at the minimum and take the
    /// overshoot back, a whole amp at a time, from the session's dearest slots running above their minimum.
    /// </summary>
    private static void OpenSlotAndTrim(Schedule schedule, int i, double remaining, int[] cheapestFirst, double[]? peakCapKw)
    {
        var s = schedule.Model.Sessions[i];
        foreach (var j in cheapestFirst)
        {
            if (schedule.Currents[i][j] != 0 || RoomAt(schedule, i, j, peakCapKw) < s.MinA)
            {
                continue;
            }

            var overshoot = (s.MinA * s.KwhPerAmp[j]) - remaining;
            var trims = new List<(int Local, int Amps)>();
            for (var d = cheapestFirst.Length - 1; d >= 0 && overshoot > 1e-9; d--)
            {
                var dear = cheapestFirst[d];
                var spare = dear == j ? 0 : schedule.Currents[i][dear] - s.MinA;
                if (spare <= 0)
                {
                    continue;
                }

                var amps = Math.Min(spare, (int)Math.Ceiling((overshoot / s.KwhPerAmp[dear]) - 1e-9));
                trims.Add((dear, amps));
                overshoot -= amps * s.KwhPerAmp[dear];
            }

            if (overshoot > 1e-9)
            {
                return;
            }

            schedule.Set(i, j, s.MinA);
            foreach (var (local, amps) in trims)
            {
                schedule.Set(i, local, schedule.Currents[i][local] - amps);
            }

            return;
        }
    }

    /// <summary>Moves as many amps as allowed from slot <paramref name="dear"/> to slot <paramref name="cheap"/> of session i.</summary>
    private static bool TryMove(Schedule schedule, int i, int dear, int cheap, double[]? peakKw)
    {
        var s = schedule.Model.Sessions[i];
        var from = schedule.Currents[i][dear];
        var to = schedule.Currents[i][cheap];
        var room = RoomAt(schedule, i, cheap, peakKw);

        // Only slots that deliver the same energy per amp trade current: a move never changes the energy.
        if (Math.Abs(s.KwhPerAmp[dear] - s.KwhPerAmp[cheap]) > 1e-12)
        {
            return false;
        }

        var amps = Math.Min(room, from);
        for (var d = amps; d > 0; d--)
        {
            var added = to + d;
            if (added < s.MinA)
            {
                return false;
            }

            var left = from - d;
            if (left > 0 && left < s.MinA)
            {
                continue;
            }

            schedule.Set(i, cheap, added);
            schedule.Set(i, dear, left);
            return true;
        }

        return false;
    }
}
