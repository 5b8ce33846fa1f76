using NodaTime;

namespace Scheduler.Optimizer.Model;

/// <summary>Rounding instants onto the slot grid, which is aligned on the Unix epoch (so a 15-minute grid starts on UTC quarter-hours).</summary>
public static class SlotGrid
{
    /// <summary>The start of the slot that holds <paramref name="instant"/>.</summary>
    public static Instant Floor(Instant instant, Duration slot)
    {
        var ticks = instant.ToUnixTimeTicks();
        var size = slot.BclCompatibleTicks;
        return Instant.FromUnixTimeTicks(ticks - (((ticks % size) + size) % size));
    }

    /// <summary><paramref name="instant"/> itself when it starts a slot, else the start of the next slot.</summary>
    public static Instant Ceiling(Instant instant, Duration slot)
    {
        var floored = Floor(instant, slot);
        return floored == instant ? instant : floored + slot;
    }
}
