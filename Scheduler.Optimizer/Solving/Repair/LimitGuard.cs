using Scheduler.Optimizer.Solving.Grid;

namespace Scheduler.Optimizer.Solving.Repair;

/// <summary>The safety net behind every stage: lowers currents until every slot keeps every limit.</summary>
internal static class LimitGuard
{
    /// <summary>
    /// Lowers, one amp at a time, the session drawing most on each broken limit (to 0 where it would fall below its
    /// minimum). Returns the breaches it could not mend: none, unless a limit is broken with nothing left to lower.
    /// </summary>
    public static IReadOnlyList<LimitBreach> Enforce(Schedule schedule)
    {
        var model = schedule.Model;
        var unmended = new List<LimitBreach>();
        for (var k = 0; k < model.SlotCount; k++)
        {
            while (schedule.BreachIn(k) is { } breach)
            {
                if (!LowerOneStep(schedule, breach))
                {
                    unmended.Add(breach);
                    break;
                }
            }
        }

        return unmended;
    }

    private static bool LowerOneStep(Schedule schedule, LimitBreach breach)
    {
        var best = (Session: -1, Local: -1, Current: 0);
        foreach (var (i, j) in schedule.Model.Present[breach.Slot])
        {
            var current = schedule.Currents[i][j];
            if (current > best.Current && schedule.Loads(i, breach))
            {
                best = (i, j, current);
            }
        }

        if (best.Session < 0)
        {
            return false;
        }

        var lowered = best.Current - 1;
        schedule.Set(best.Session, best.Local, lowered >= schedule.Model.Sessions[best.Session].MinA ? lowered : 0);
        return true;
    }
}
