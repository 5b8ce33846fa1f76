namespace Scheduler.Optimizer.Solving.Repair;

/// <summary>Takes back whatever a session would get beyond its request, from its dearest slots.</summary>
internal static class RequestTrim
{
    /// <summary>Lowers currents, dearest slots first (latest first among equals), until no session gets more than it asked for.</summary>
    public static void Apply(Schedule schedule)
    {
        var model = schedule.Model;
        foreach (var s in model.Sessions)
        {
            var excess = schedule.EnergyKwh(s.Index) - s.EnergyKwh;
            if (excess <= Tolerance.Energy)
            {
                continue;
            }

            foreach (var j in SlotOrder.DearestFirst(model, s))
            {
                while (excess > Tolerance.Energy && schedule.Currents[s.Index][j] > 0)
                {
                    var current = schedule.Currents[s.Index][j];
                    var next = current - 1 >= s.MinA ? current - 1 : 0;
                    schedule.Set(s.Index, j, next);
                    excess -= (current - next) * s.KwhPerAmp[j];
                }
            }
        }
    }
}
