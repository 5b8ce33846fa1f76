namespace Scheduler.Optimizer.Solving.Repair;

/// <summary>
/// Slots covered only in part deliver odd amounts, so a session can end a fraction of a step below its target
/// with no whole step left that fits under its request. One more step in some slot, paid for where needed by fewer
/// amps in another, can still come closer: this takes the move whose saved penalty most exceeds its price.
/// </summary>
internal static class PartialSlotTopUp
{
    /// <summary>How many such moves one fill tries for a session.</summary>
    public const int Attempts = 3;

    /// <summary>Makes the best such move for session i, if any saves more than it costs; false where none does (and nothing changed).</summary>
    /// <param name="schedule">The schedule.</param>
    /// <param name="terms">The objective's penalty.</param>
    /// <param name="i">The session.</param>
    /// <param name="peaks">The demand thresholds.</param>
    /// <param name="mayRaisePeaks">Whether the raised slot may pass its threshold, at the demand charge it adds.</param>
    public static bool Apply(Schedule schedule, Pricing.ObjectiveTerms terms, int i, PeakThresholds peaks, bool mayRaisePeaks)
    {
        var model = schedule.Model;
        var s = model.Sessions[i];
        var delivered = schedule.EnergyKwh(i);
        var penaltyBefore = terms.Penalty(model, s, s.TargetKwh - delivered);

        // A move is worth the penalty it saves less what its energy and any demand charge it raises cost.
        double Gain(double energy, int raise, int raiseBy, int lower, int lowerBy) =>
            penaltyBefore - terms.Penalty(model, s, s.TargetKwh - energy)
            - (raiseBy * s.KwhPerAmp[raise] * model.PricePerKwh[s.First + raise])
            - peaks.RaiseCost(s.First + raise, schedule.AverageImportKw(s.First + raise) + (raiseBy * s.KwPerAmp * s.Coverage[raise]))
            + (lower < 0 ? 0 : lowerBy * s.KwhPerAmp[lower] * model.PricePerKwh[s.First + lower]);

        var best = (Gain: Tolerance.Money, Raise: -1, RaiseTo: 0, Lower: -1, LowerTo: 0);
        for (var f = 0; f < s.Length; f++)
        {
            var current = schedule.Currents[i][f];
            var add = current == 0 ? s.MinA : 1;
            if (SmallRest.Room(schedule, i, f, peaks, mayRaisePeaks) < add)
            {
                continue;
            }

            var raised = delivered + (add * s.KwhPerAmp[f]);
            if (raised <= s.EnergyKwh + Tolerance.Energy)
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

                var left = other - (int)Math.Ceiling(((raised - s.EnergyKwh) / s.KwhPerAmp[p]) - Tolerance.Amps);
                if (left > 0 && left < s.MinA)
                {
                    left = 0;
                }

                var energy = raised - ((other - left) * s.KwhPerAmp[p]);
                if (left < 0 || energy <= delivered + Tolerance.Energy || energy > s.EnergyKwh + Tolerance.Energy)
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
            return false;
        }

        schedule.Set(i, best.Raise, best.RaiseTo);
        if (best.Lower >= 0)
        {
            schedule.Set(i, best.Lower, best.LowerTo);
        }

        peaks.RaiseTo(s.First + best.Raise, schedule.AverageImportKw(s.First + best.Raise));
        return true;
    }
}
