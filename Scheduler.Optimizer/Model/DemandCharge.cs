using NodaTime;

namespace Scheduler.Optimizer.Model;

/// <summary>
/// A charge on the site's highest slot-average import (charging plus base load) over the slots it covers, billed
/// only above the peak already recorded for it in the current billing period: that part is paid already.
/// A slot is covered when its middle lies inside one of <see cref="Intervals"/>; with none, every slot is.
/// </summary>
public sealed record DemandCharge
{
    /// <summary>The id of the one all-hours charge that <see cref="Tariff(string, IReadOnlyList{PriceInterval}, double)"/> creates.</summary>
    public const string AllHoursId = "demand";

    /// <summary>Creates a demand charge.</summary>
    /// <param name="id">Unique within the tariff, e.g. <c>on-peak-2026-03</c>.</param>
    /// <param name="perKw">The price per kW billed, zero or above.</param>
    /// <param name="intervals">The intervals it covers; empty or null for every slot.</param>
    /// <param name="peakSoFarKw">The peak already recorded in the billing period, in kW; default 0.</param>
    public DemandCharge(string id, double perKw, IReadOnlyList<Interval>? intervals = null, double peakSoFarKw = 0)
    {
        Id = Check.Id(id, nameof(id));
        PerKw = Check.NonNegative(perKw, nameof(perKw));
        Intervals = intervals ?? [];
        foreach (var interval in Intervals)
        {
            if (!interval.HasStart || !interval.HasEnd)
            {
                throw new ArgumentException("every interval must have a start and an end", nameof(intervals));
            }

            Check.Ordered(interval.Start, interval.End, nameof(intervals));
        }

        PeakSoFarKw = Check.NonNegative(peakSoFarKw, nameof(peakSoFarKw));
    }

    /// <summary>Unique within the tariff.</summary>
    public string Id { get; }

    /// <summary>The price per kW of the peak above <see cref="PeakSoFarKw"/>.</summary>
    public double PerKw { get; }

    /// <summary>The intervals it covers; empty means every slot.</summary>
    public IReadOnlyList<Interval> Intervals { get; }

    /// <summary>The peak already recorded for it in the current billing period, in kW.</summary>
    public double PeakSoFarKw { get; }

    /// <summary>Whether the slot from <paramref name="slotStart"/> to <paramref name="slotEnd"/> counts towards this charge: its middle lies inside an interval.</summary>
    public bool Covers(Instant slotStart, Instant slotEnd)
    {
        if (Intervals.Count == 0)
        {
            return true;
        }

        var middle = slotStart + ((slotEnd - slotStart) / 2);
        foreach (var interval in Intervals)
        {
            if (interval.Contains(middle))
            {
                return true;
            }
        }

        return false;
    }
}
