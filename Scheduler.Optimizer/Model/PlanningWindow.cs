using NodaTime;

namespace Scheduler.Optimizer.Model;

/// <summary>The span a plan covers, cut into slots of equal length.</summary>
public sealed record PlanningWindow
{
    /// <summary>The default slot length: 15 minutes, as European day-ahead prices and demand metering use.</summary>
    public static readonly Duration DefaultSlotLength = Duration.FromMinutes(15);

    /// <summary>Creates a planning window.</summary>
    /// <param name="start">The first instant; on a whole minute that is a multiple of the slot length past the hour (UTC).</param>
    /// <param name="end">The end; a whole number of slots after <paramref name="start"/>.</param>
    /// <param name="slotLength">A whole number of minutes that divides 60.</param>
    public PlanningWindow(Instant start, Instant end, Duration slotLength)
    {
        var minutes = slotLength.TotalMinutes;
        if (minutes < 1 || minutes != Math.Floor(minutes) || 60 % (int)minutes != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(slotLength), slotLength, "must be a whole number of minutes that divides 60");
        }

        Check.Ordered(start, end, nameof(end));
        if (start.ToUnixTimeTicks() % slotLength.BclCompatibleTicks != 0)
        {
            throw new ArgumentException($"must fall on the {(int)minutes}-minute grid", nameof(start));
        }

        if ((end - start).BclCompatibleTicks % slotLength.BclCompatibleTicks != 0)
        {
            throw new ArgumentException($"must be a whole number of {(int)minutes}-minute slots after the start", nameof(end));
        }

        Start = start;
        End = end;
        SlotLength = slotLength;
    }

    /// <summary>The first instant of the first slot.</summary>
    public Instant Start { get; }

    /// <summary>The end of the last slot.</summary>
    public Instant End { get; }

    /// <summary>The length of every slot.</summary>
    public Duration SlotLength { get; }

    /// <summary>The number of slots.</summary>
    public int SlotCount => (int)((End - Start).BclCompatibleTicks / SlotLength.BclCompatibleTicks);

    /// <summary>The start of slot <paramref name="index"/>.</summary>
    public Instant SlotStart(int index) => Start + (SlotLength * index);

    /// <summary>The end of slot <paramref name="index"/>.</summary>
    public Instant SlotEnd(int index) => Start + (SlotLength * (index + 1));
}
