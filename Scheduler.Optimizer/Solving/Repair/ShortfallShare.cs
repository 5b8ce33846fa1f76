using Scheduler.Optimizer.Solving.Pricing;

namespace Scheduler.Optimizer.Solving.Repair;

/// <summary>
/// Where the site's limit binds in every slot of a stay, whole amps can leave one session short by several kWh, past
/// its rounding and into the real penalty, while the sessions beside it are full: the relaxation spread the same
/// shortfall as fractions of an amp over all of them. This stage spreads it back: sessions in the short session's
/// slot each give up an amp, which costs them at most their cheap rounding segment, so that the short one can add
/// its step there (its minimum where it is off). Where that step is more than it lacks, it takes back the excess in
/// another of its own slots, and the givers fill again from the room that leaves. A share is kept only where the
/// objective falls.
/// </summary>
internal static class ShortfallShare
{
    /// <summary>A guard on the shares per short session: each gives it at least an amp-slot, so few are needed.</summary>
    private const int MaxSharesPerSession = 64;

    /// <summary>Shares out the shortfall of every session short beyond its rounding, most short first, while a share pays.</summary>
    public static void Apply(Schedule schedule, ObjectiveTerms terms, PeakThresholds peaks, Deadline deadline)
    {
        var shortOnes = EnergyFill.ByMissingShare(schedule).Where(i => ShortBeyondRounding(schedule, terms, i)).ToArray();
        foreach (var i in shortOnes)
        {
            for (var share = 0; share < MaxSharesPerSession && !deadline.Expired && ShortBeyondRounding(schedule, terms, i)
                && ShareOnce(schedule, terms, peaks, i, deadline); share++)
            {
            }
        }
    }

    private static bool ShortBeyondRounding(Schedule schedule, ObjectiveTerms terms, int i) =>
        terms.IsShortBeyondRounding(schedule.Model, schedule.Model.Sessions[i], schedule.MissingKwh(i));

    /// <summary>Gives session i one step in the cheapest of its slots where others' amps can make room for it; false when no share pays.</summary>
    private static bool ShareOnce(Schedule schedule, ObjectiveTerms terms, PeakThresholds peaks, int i, Deadline deadline)
    {
        var model = schedule.Model;
        var s = model.Sessions[i];
        foreach (var j in SlotOrder.CheapestWholeSlotsBelowMax(schedule, i))
        {
            var add = schedule.Currents[i][j] == 0 ? s.MinA : 1;
            if (schedule.Currents[i][j] + add <= s.MaxA && schedule.CircuitHeadroom(i, j) >= add && TryShare(schedule, terms, peaks, i, j, add, deadline))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Takes an amp from each of the other sessions in i's slot j, cheapest loss first, until i can add
    /// <paramref name="add"/> amps there under the site's limit and the peaks; then trims i's excess and lets the givers
    /// fill again. Undone unless the objective of i and every possible giver fell.
    /// </summary>
    private static bool TryShare(Schedule schedule, ObjectiveTerms terms, PeakThresholds peaks, int i, int j, int add, Deadline deadline)
    {
        var model = schedule.Model;
        var s = model.Sessions[i];
        var k = s.First + j;
        var givers = Givers(schedule, terms, i, k);
        var before = LocalObjective.Of(schedule, terms, givers.Append(i));
        schedule.BeginTrial();
        var taken = new List<int>();
        foreach (var b in givers)
        {
            if (Fits(schedule, peaks, i, j, add))
            {
                break;
            }

            var lb = k - model.Sessions[b].First;
            schedule.Set(b, lb, schedule.Currents[b][lb] - 1);
            taken.Add(b);
        }

        if (taken.Count > 0 && Fits(schedule, peaks, i, j, add))
        {
            schedule.Set(i, j, schedule.Currents[i][j] + add);
            TrimExcess(schedule, i, j);
            EnergyFill.Apply(schedule, terms, taken, peaks, PeakPolicy.Hold, deadline);
            if (schedule.MissingKwh(i) >= -Tolerance.Energy && LocalObjective.Of(schedule, terms, givers.Append(i)) < before - Tolerance.Money)
            {
                schedule.Keep();
                return true;
            }
        }

        schedule.RollBack();
        return false;
    }

    /// <summary>
    /// The other sessions in slot k that can give up one amp (still off or at least their minimum after it), the
    /// cheapest loss first: what an amp-slot less adds to their shortfall penalty, less the energy it saves.
    /// </summary>
    private static int[] Givers(Schedule schedule, ObjectiveTerms terms, int i, int k)
    {
        var model = schedule.Model;
        return model.Present[k]
            .Where(p => p.Session != i && model.Sessions[p.Session].Coverage[p.Local] >= 1 - Tolerance.Coverage
                && schedule.Currents[p.Session][p.Local] is var c && c > 0 && (c - 1 == 0 || c - 1 >= model.Sessions[p.Session].MinA))
            .Select(p => (p.Session, Loss: LossOfAnAmp(schedule, terms, p.Session, p.Local)))
            .OrderBy(g => g.Loss)
            .ThenBy(g => g.Session)
            .Select(g => g.Session)
            .ToArray();
    }

    private static double LossOfAnAmp(Schedule schedule, ObjectiveTerms terms, int b, int lb)
    {
        var model = schedule.Model;
        var sb = model.Sessions[b];
        var missing = schedule.MissingKwh(b);
        var kwh = sb.KwhPerAmp[lb];
        return terms.Penalty(model, sb, missing + kwh) - terms.Penalty(model, sb, missing) - (kwh * model.PricePerKwh[sb.First + lb]);
    }

    /// <summary>Whether i can add <paramref name="add"/> amps in local slot j under every limit and the peaks.</summary>
    private static bool Fits(Schedule schedule, PeakThresholds peaks, int i, int j, int add) =>
        schedule.Headroom(i, j) >= add && schedule.RoomUnder(i, j, peaks.Cap(schedule.Model.Sessions[i].First + j)) >= add;

    /// <summary>
    /// Where session i now has more than its target, lowers its dearest other slots by the fewest whole amps that
    /// end the excess, keeping every current valid (off or at least the minimum).
    /// </summary>
    private static void TrimExcess(Schedule schedule, int i, int added)
    {
        var model = schedule.Model;
        var s = model.Sessions[i];
        foreach (var j in SlotOrder.DearestFirst(model, s).Where(j => j != added))
        {
            var excessKwh = -schedule.MissingKwh(i);
            if (excessKwh <= Tolerance.Energy)
            {
                return;
            }

            var current = schedule.Currents[i][j];
            var lowered = current - Math.Min(current, (int)Math.Ceiling((excessKwh / s.KwhPerAmp[j]) - Tolerance.Amps));
            if (lowered < current && (lowered == 0 || lowered >= s.MinA))
            {
                schedule.Set(i, j, lowered);
            }
        }
    }
}
