using Scheduler.Optimizer.Solving.Pricing;

namespace Scheduler.Optimizer.Solving.Repair;

/// <summary>
/// Whole amps can leave sessions short under the peaks the relaxation needed. The cheap remedy is to let one
/// demand charge's peak rise a little for every slot at it, not a lot for one session: a threshold raised by δ opens
/// δ of room in every slot at that peak, which the short sessions then fill. This raises one term at a time, in the
/// smallest steps a short session can use, and keeps a raise only where the shortfall it saves outweighs the charge.
/// A raise that gives no short session room for another valid current (where the site's limit, not the peak, binds)
/// is not tried: its fill would only find what the last one found.
/// </summary>
internal static class PeakRaise
{
    /// <summary>A guard on the number of raises; each opens at least an amp for some session, so far fewer are needed.</summary>
    private const int MaxRounds = 400;

    /// <summary>Raises thresholds while that pays, then leaves the rest to the session-by-session fill.</summary>
    public static void Apply(Schedule schedule, ObjectiveTerms terms, PeakThresholds peaks, Deadline deadline)
    {
        var model = schedule.Model;
        var byPrice = Enumerable.Range(0, model.DemandTerms.Length).OrderBy(d => model.DemandTerms[d].PerKw).ThenBy(d => d).ToArray();
        for (var round = 0; round < MaxRounds && !deadline.Expired; round++)
        {
            var shortSessions = ShortBeyondRounding(schedule, terms);
            if (shortSessions.Length == 0 || !RaiseOnce(schedule, terms, peaks, byPrice, shortSessions, deadline))
            {
                return;
            }
        }
    }

    /// <summary>Tries each term, cheapest first, with the steps the short sessions can use, smallest first (one amp of each, then a minimum current); true when one paid.</summary>
    private static bool RaiseOnce(Schedule schedule, ObjectiveTerms terms, PeakThresholds peaks, int[] byPrice, int[] shortSessions, Deadline deadline)
    {
        var sessions = schedule.Model.Sessions;
        var steps = shortSessions
            .SelectMany(i => new[] { sessions[i].KwPerAmp, sessions[i].KwPerAmp * sessions[i].MinA })
            .Distinct()
            .Order()
            .ToArray();
        foreach (var step in steps)
        {
            foreach (var d in byPrice)
            {
                if (TryRaise(schedule, terms, peaks, d, step, shortSessions, deadline))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>Raises term d by <paramref name="stepKw"/> and fills the short sessions; undoes both unless the objective fell.</summary>
    private static bool TryRaise(Schedule schedule, ObjectiveTerms terms, PeakThresholds peaks, int d, double stepKw, int[] shortSessions, Deadline deadline)
    {
        if (!OpensRoom(schedule, peaks, d, stepKw, shortSessions))
        {
            return false;
        }

        // The fill may move other sessions' amps too (along chains), so an undo rolls back every change it made.
        var before = LocalObjective.Of(schedule, terms, shortSessions);
        schedule.BeginTrial();
        peaks.Shift(d, stepKw);
        EnergyFill.Apply(schedule, terms, shortSessions, peaks, PeakPolicy.Hold, deadline, addOnly: true);
        if (LocalObjective.Of(schedule, terms, shortSessions) < before - Tolerance.Money)
        {
            schedule.Keep();
            return true;
        }

        schedule.RollBack();
        peaks.Shift(d, -stepKw);
        return false;
    }

    /// <summary>
    /// Whether raising term d by <paramref name="stepKw"/> lets some short session add a valid current in a slot where it
    /// could not before; where none can, the fill would find what it found at the thresholds as they are.
    /// </summary>
    internal static bool OpensRoom(Schedule schedule, PeakThresholds peaks, int d, double stepKw, int[] shortSessions)
    {
        var model = schedule.Model;
        foreach (var i in shortSessions)
        {
            var s = model.Sessions[i];
            for (var j = 0; j < s.Length; j++)
            {
                var k = s.First + j;
                if (!model.TermsAt[k].Contains(d) || schedule.Headroom(i, j) is var headroom && headroom == 0)
                {
                    continue;
                }

                var after = Math.Min(headroom, schedule.RoomUnder(i, j, peaks.CapRaised(k, d, stepKw)));
                if (after > Math.Min(headroom, schedule.RoomUnder(i, j, peaks.Cap(k))) && schedule.Currents[i][j] + after >= s.MinA)
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>The sessions whose shortfall has passed the cheap rounding segment into the real penalty.</summary>
    private static int[] ShortBeyondRounding(Schedule schedule, ObjectiveTerms terms)
    {
        var model = schedule.Model;
        return model.Sessions
            .Where(s => terms.IsShortBeyondRounding(model, s, schedule.MissingKwh(s.Index)))
            .Select(s => s.Index)
            .ToArray();
    }
}
