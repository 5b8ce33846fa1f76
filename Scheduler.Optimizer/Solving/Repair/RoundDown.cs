using Scheduler.Optimizer.Solving.Grid;

namespace Scheduler.Optimizer.Solving.Repair;

/// <summary>The first step from the relaxation to whole amps: round every current down.</summary>
internal static class RoundDown
{
    /// <summary>
    /// Rounds each fractional current down to whole amps and drops those below the session's minimum. Lowering a
    /// current cannot break an upper limit, so the result keeps every limit the relaxation kept, and every peak.
    /// </summary>
    public static Schedule Apply(SlotModel model, double[][] fractional)
    {
        var schedule = new Schedule(model);
        foreach (var s in model.Sessions)
        {
            for (var j = 0; j < s.Length; j++)
            {
                var amps = Math.Min(s.MaxA, (int)Math.Floor(fractional[s.Index][j] + Tolerance.LpAmps));
                if (amps >= s.MinA)
                {
                    schedule.Set(s.Index, j, amps);
                }
            }
        }

        LimitGuard.Enforce(schedule);
        RequestTrim.Apply(schedule);
        return schedule;
    }
}
