using NodaTime;
using Scheduler.Optimizer.Model;

namespace Scheduler.Protocols.Tariffs;

/// <summary>Checks whether prices cover a planning window and maps them onto the plan's slots.</summary>
public static class TariffSlots
{
    /// <summary>
    /// The stretches of [<paramref name="start"/>, <paramref name="end"/>) that no price in <paramref name="prices"/> covers,
    /// in time order; empty when the window is covered. Prices may be in any order and may overlap.
    /// </summary>
    public static IReadOnlyList<PriceGap> FindGaps(IReadOnlyList<PriceInterval> prices, Instant start, Instant end)
    {
        ArgumentNullException.ThrowIfNull(prices);
        if (end <= start)
        {
            throw new ArgumentException("must be after the start", nameof(end));
        }

        var gaps = new List<PriceGap>();
        var coveredTo = start;
        foreach (var price in prices.Where(p => p.End > start && p.Start < end).OrderBy(p => p.Start))
        {
            if (price.Start > coveredTo)
            {
                gaps.Add(new PriceGap(coveredTo, price.Start));
            }

            if (price.End > coveredTo)
            {
                coveredTo = price.End;
            }
        }

        if (coveredTo < end)
        {
            gaps.Add(new PriceGap(coveredTo, end));
        }

        return gaps;
    }

    /// <summary>The gaps between the first price's start and the last price's end; empty for no prices.</summary>
    public static IReadOnlyList<PriceGap> FindGaps(IReadOnlyList<PriceInterval> prices)
    {
        ArgumentNullException.ThrowIfNull(prices);
        return prices.Count == 0 ? [] : FindGaps(prices, prices.Min(p => p.Start), prices.Max(p => p.End));
    }

    /// <summary>True when every instant of [<paramref name="start"/>, <paramref name="end"/>) has a price.</summary>
    public static bool Covers(IReadOnlyList<PriceInterval> prices, Instant start, Instant end) => FindGaps(prices, start, end).Count == 0;

    /// <summary>
    /// Maps prices onto slots of <paramref name="slotLength"/> from <paramref name="start"/> to <paramref name="end"/>:
    /// an hourly price covers four 15-minute slots, and a slot covered by several prices gets their time-weighted average.
    /// Where prices overlap, the earlier-starting one holds. A slot with any unpriced time gets no price; the gap is reported.
    /// </summary>
    /// <param name="prices">The prices, in any order.</param>
    /// <param name="start">The window's first instant.</param>
    /// <param name="end">The window's end; the window must be a whole number of slots.</param>
    /// <param name="slotLength">The slot length, e.g. 15 minutes.</param>
    public static SlotPrices ToSlots(IReadOnlyList<PriceInterval> prices, Instant start, Instant end, Duration slotLength)
    {
        ArgumentNullException.ThrowIfNull(prices);
        if (slotLength <= Duration.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(slotLength), slotLength, "must be positive");
        }

        var window = end - start;
        if (window <= Duration.Zero || window.BclCompatibleTicks % slotLength.BclCompatibleTicks != 0)
        {
            throw new ArgumentException("must be a whole number of slots after the start", nameof(end));
        }

        var count = (int)(window.BclCompatibleTicks / slotLength.BclCompatibleTicks);
        var covered = new long[count];
        var weighted = new double[count];
        var coveredTo = start;
        foreach (var price in prices.Where(p => p.End > start && p.Start < end).OrderBy(p => p.Start))
        {
            // Only the part after what earlier prices cover counts, so overlaps are not counted twice.
            var from = price.Start > coveredTo ? price.Start : coveredTo;
            var to = price.End < end ? price.End : end;
            if (to > coveredTo)
            {
                coveredTo = to;
            }

            for (var t = from; t < to;)
            {
                var slot = (int)((t - start).BclCompatibleTicks / slotLength.BclCompatibleTicks);
                var slotEnd = start + (slotLength * (slot + 1));
                var partEnd = slotEnd < to ? slotEnd : to;
                var ticks = (partEnd - t).BclCompatibleTicks;
                covered[slot] += ticks;
                weighted[slot] += price.PerKwh * ticks;
                t = partEnd;
            }
        }

        var slots = new List<PriceInterval>(count);
        for (var i = 0; i < count; i++)
        {
            if (covered[i] == slotLength.BclCompatibleTicks)
            {
                var slotStart = start + (slotLength * i);
                slots.Add(new PriceInterval(slotStart, slotStart + slotLength, weighted[i] / covered[i]));
            }
        }

        return new SlotPrices(slots, FindGaps(prices, start, end));
    }
}
