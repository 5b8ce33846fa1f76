using NodaTime;
using Scheduler.Optimizer.Plans;

namespace Scheduler.Cli.Simulation;

/// <summary>The currents of one plan, looked up by replay session and minute.</summary>
internal sealed class PlanCurrents
{
    private readonly ReplayGrid _grid;
    private readonly Instant _windowStart;
    private readonly Duration _slot;
    private readonly Dictionary<int, IReadOnlyList<int>> _bySession;

    public PlanCurrents(ReplayGrid grid, Plan plan)
    {
        _grid = grid;
        _windowStart = plan.Window.Start;
        _slot = plan.Window.SlotLength;
        _bySession = plan.Sessions.ToDictionary(s => grid.SessionIndex[s.SessionId], s => s.SlotCurrentsA);
    }

    /// <summary>What the plan allows session <paramref name="session"/> in minute <paramref name="minute"/>, in A; 0 outside the plan.</summary>
    public double CurrentA(int session, int minute)
    {
        if (!_bySession.TryGetValue(session, out var currents))
        {
            return 0;
        }

        var offset = _grid.At(minute) - _windowStart;
        if (offset < Duration.Zero)
        {
            return 0;
        }

        var slot = (int)(offset.BclCompatibleTicks / _slot.BclCompatibleTicks);
        return slot < currents.Count ? currents[slot] : 0;
    }
}
