using Scheduler.Optimizer.Solving.Grid;
using Scheduler.Optimizer.Solving.Pricing;

namespace Scheduler.Optimizer.Solving.Repair;

/// <summary>
/// Gives sessions their missing energy in whole amps within every limit: each in turn takes the slot where its
/// next amps cost least, energy and any demand charge they raise together, until it has its request or no slot
/// has room.
/// </summary>
internal static class EnergyFill
{
    /// <summary>Fills the sessions in the given order.</summary>
    /// <param name="schedule">The schedule to add to.</param>
    /// <param name="terms">The objective's penalty, which the top-up past partial slots weighs.</param>
    /// <param name="order">The sessions, most in need first.</param>
    /// <param name="peaks">The demand thresholds; raised where a session pays for it.</param>
    /// <param name="policy">Whether, and how, a session may pass a threshold (paying the demand charge) when no slot under it has room.</param>
    /// <param name="deadline">The solve's budget: past it, the remaining sessions keep what they have.</param>
    /// <param name="addOnly">
    /// Whether a session still short after adding to what it has goes on from there. Otherwise it also starts again
    /// on whole slots and keeps whichever costs less. Within the peak raise's trials that restart moved each
    /// session's energy around at every raise; without it the raises ended lower (0.05-0.2 points of gap on the
    /// benchmark sites) in less time.
    /// </param>
    public static void Apply(Schedule schedule, ObjectiveTerms terms, IEnumerable<int> order, PeakThresholds peaks, PeakPolicy policy, Deadline deadline, bool addOnly = false)
    {
        foreach (var i in order)
        {
            if (deadline.Expired)
            {
                return;
            }

            FillSession(schedule, terms, i, peaks, policy, addOnly);
        }
    }

    /// <summary>The sessions ordered by the share of their target they lack, largest first.</summary>
    public static int[] ByMissingShare(Schedule schedule)
    {
        var sessions = schedule.Model.Sessions;
        return Enumerable.Range(0, sessions.Length)
            .OrderByDescending(i => sessions[i].TargetKwh <= 0 ? 0 : schedule.MissingKwh(i) / sessions[i].TargetKwh)
            .ThenBy(i => i)
            .ToArray();
    }

    private static void FillSession(Schedule schedule, ObjectiveTerms terms, int i, PeakThresholds peaks, PeakPolicy policy, bool addOnly)
    {
        var s = schedule.Model.Sessions[i];
        if (s.Length == 0 || s.MaxA == 0 || schedule.MissingKwh(i) <= MinStepKwh(s) * 0.5)
        {
            return;
        }

        var mayRaisePeaks = policy != PeakPolicy.Hold;
        Span<int> before = stackalloc int[s.Length];
        schedule.Currents[i].CopyTo(before);
        var energyBefore = schedule.EnergyKwh(i);
        AddCheapestSteps(schedule, terms, i, peaks, policy, wholeSlotsOnly: false);
        SmallRest.Open(schedule, terms, i, peaks, mayRaisePeaks);
        if (!addOnly && schedule.MissingKwh(i) > s.KwPerAmp * schedule.Model.SlotHours)
        {
            // A cheap slot covered only in part, run at full current, can strand a rest too small for the minimum
            // anywhere else, and too large for the session's other slots to give back when one more is opened at the
            // minimum; starting again on whole slots first may deliver more. Keep whichever costs less. Opening that
            // slot comes first: a restart moves the session's energy off the slots it had, often onto room that the
            // sessions filled after it needed (0.08-0.25 points of gap on the benchmark's binding sites).
            Span<int> first = stackalloc int[s.Length];
            schedule.Currents[i].CopyTo(first);
            var firstCost = SessionCost(schedule, terms, i);
            var firstPeaks = peaks.Kw.ToArray();
            Restore(schedule, i, stackalloc int[s.Length]);
            AddCheapestSteps(schedule, terms, i, peaks, policy, wholeSlotsOnly: true);
            AddCheapestSteps(schedule, terms, i, peaks, policy, wholeSlotsOnly: false);
            SmallRest.Open(schedule, terms, i, peaks, mayRaisePeaks);
            if (SessionCost(schedule, terms, i) >= firstCost - Tolerance.Money)
            {
                Restore(schedule, i, first);
                peaks.Reset(firstPeaks);
            }
        }

        // A try that finds no move changes nothing, so the next would find none either.
        var partial = s.HasPartialSlot;
        for (var attempt = 0; attempt < PartialSlotTopUp.Attempts && partial && schedule.MissingKwh(i) > Tolerance.Energy; attempt++)
        {
            partial = PartialSlotTopUp.Apply(schedule, terms, i, peaks, mayRaisePeaks);
        }

        if (schedule.EnergyKwh(i) < energyBefore - Tolerance.Energy)
        {
            Restore(schedule, i, before);
        }
    }

    /// <summary>
    /// Adds current to session i, each time in the slot where it costs least per kWh, until nothing more fits. Under
    /// the thresholds a step takes all the room it can; past them, it takes the smallest valid step (see BestStep).
    /// </summary>
    private static void AddCheapestSteps(Schedule schedule, ObjectiveTerms terms, int i, PeakThresholds peaks, PeakPolicy policy, bool wholeSlotsOnly)
    {
        var s = schedule.Model.Sessions[i];
        for (var step = 0; step <= s.Length * (s.MaxA + 1); step++)
        {
            var missing = schedule.MissingKwh(i);
            if (missing <= Tolerance.Energy || BestStep(schedule, terms, i, missing, peaks, policy, wholeSlotsOnly) is not { } best)
            {
                return;
            }

            schedule.Set(i, best.Local, best.CurrentA);
            if (best.RaisesPeak)
            {
                peaks.RaiseTo(s.First + best.Local, schedule.AverageImportKw(s.First + best.Local));
            }
        }
    }

    /// <summary>
    /// The step that delivers session i's energy at the lowest cost per kWh, counting any demand charge it raises,
    /// among those that cost less than the shortfall penalty they save; null when there is none.
    /// </summary>
    private static (int Local, int CurrentA, bool RaisesPeak)? BestStep(Schedule schedule, ObjectiveTerms terms, int i, double missing, PeakThresholds peaks, PeakPolicy policy, bool wholeSlotsOnly)
    {
        var model = schedule.Model;
        var s = model.Sessions[i];
        var penalty = terms.Penalty(model, s, missing);
        bool Pays(int amps, int j, double costPerKwh)
        {
            var energy = amps * s.KwhPerAmp[j];
            return costPerKwh * energy < penalty - terms.Penalty(model, s, missing - energy) - Tolerance.Money;
        }

        (int Local, int CurrentA, bool RaisesPeak)? best = null;
        var bestCost = double.PositiveInfinity;
        for (var j = 0; j < s.Length; j++)
        {
            if (wholeSlotsOnly && s.Coverage[j] < 1 - Tolerance.Coverage)
            {
                continue;
            }

            // Either step costs at least the slot's price: a slot no cheaper than the best found cannot win, and its
            // room (a walk over the session's circuits) need not be looked at.
            var k = s.First + j;
            var price = model.EffectivePricePerKwh(k);
            if (price >= bestCost)
            {
                continue;
            }

            var current = schedule.Currents[i][j];
            var add = Math.Min(schedule.Headroom(i, j), (int)Math.Floor((missing / s.KwhPerAmp[j]) + Tolerance.Amps));
            if (add <= 0 || current + add < s.MinA)
            {
                continue;
            }

            var free = Math.Min(add, schedule.RoomUnder(i, j, peaks.Cap(k)));
            if (free > 0 && current + free >= s.MinA && Pays(free, j, price))
            {
                (best, bestCost) = ((j, current + free, false), price);
            }

            if (policy != PeakPolicy.Hold && add > free)
            {
                // Raising in small steps takes the smallest step that is a valid current: the peak rises no more than
                // it must, and the room it opens in the other slots under the same charges is used before it rises again.
                var amps = policy == PeakPolicy.RaiseFreely ? add : Math.Min(add, Math.Max(free + 1, s.MinA - current));
                var raised = schedule.AverageImportKw(k) + (amps * s.KwPerAmp * s.Coverage[j]);
                var cost = price + (peaks.RaiseCost(k, raised) / (amps * s.KwhPerAmp[j]));
                if (cost < bestCost - Tolerance.Money && Pays(amps, j, cost))
                {
                    (best, bestCost) = ((j, current + amps, true), cost);
                }
            }
        }

        return best;
    }

    /// <summary>What session i's energy and shortfall cost, plus the site's demand charges: all its currents can change.</summary>
    private static double SessionCost(Schedule schedule, ObjectiveTerms terms, int i)
    {
        var model = schedule.Model;
        var s = model.Sessions[i];
        var cost = terms.Penalty(model, s, schedule.MissingKwh(i)) + (model.HasDemandCharges ? schedule.DemandCost() : 0);
        for (var j = 0; j < s.Length; j++)
        {
            cost += schedule.Currents[i][j] * s.KwhPerAmp[j] * model.PricePerKwh[s.First + j];
        }

        return cost;
    }

    private static void Restore(Schedule schedule, int i, ReadOnlySpan<int> currents)
    {
        for (var j = 0; j < currents.Length; j++)
        {
            schedule.Set(i, j, currents[j]);
        }
    }

    /// <summary>The energy of the smallest change a session can make: one amp in its least covered slot.</summary>
    private static double MinStepKwh(SessionSlots s) => s.KwhPerAmp.Length == 0 ? 0 : s.KwhPerAmp.Min();
}
