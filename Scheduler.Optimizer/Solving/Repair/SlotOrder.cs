using Scheduler.Optimizer.Solving.Grid;

namespace Scheduler.Optimizer.Solving.Repair;

/// <summary>The orders in which the repair visits a session's slots.</summary>
internal static class SlotOrder
{
    /// <summary>The session's local slots, cheapest first (see <see cref="SlotModel.SlotsCheapestFirst"/>); earlier first among equals.</summary>
    public static int[] CheapestFirst(SlotModel model, SessionSlots s)
    {
        var local = new int[s.Length];
        var n = 0;
        foreach (var k in model.SlotsCheapestFirst)
        {
            if (k >= s.First && k < s.First + s.Length)
            {
                local[n++] = k - s.First;
            }
        }

        return local;
    }

    /// <summary>The session's local slots, dearest first; later first among equals.</summary>
    public static int[] DearestFirst(SlotModel model, SessionSlots s) =>
        Enumerable.Range(0, s.Length)
            .OrderByDescending(j => model.PricePerKwh[s.First + j])
            .ThenByDescending(j => j)
            .ToArray();

    /// <summary>The slots session i covers whole and runs below its maximum in, cheapest energy first; earlier first among equals.</summary>
    public static IEnumerable<int> CheapestWholeSlotsBelowMax(Schedule schedule, int i)
    {
        var model = schedule.Model;
        var s = model.Sessions[i];
        return Enumerable.Range(0, s.Length)
            .Where(j => s.Coverage[j] >= 1 - Tolerance.Coverage && schedule.Currents[i][j] < s.MaxA)
            .OrderBy(j => model.PricePerKwh[s.First + j])
            .ThenBy(j => j);
    }
}
