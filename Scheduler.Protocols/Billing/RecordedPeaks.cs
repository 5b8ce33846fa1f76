using System.Collections.Immutable;
using NodaTime;
using Scheduler.Optimizer.Model;

namespace Scheduler.Protocols.Billing;

/// <summary>
/// The highest slot-average import recorded so far for each demand charge, by charge id: what the utility's meter
/// has already billed in the current billing period. Charging up to it costs nothing more, so every plan is given it
/// as the charge's <see cref="DemandCharge.PeakSoFarKw"/>. A charge of a new billing period has its own id, so it
/// starts from zero.
/// </summary>
public sealed record RecordedPeaks
{
    /// <summary>Nothing recorded yet.</summary>
    public static RecordedPeaks None { get; } = new(ImmutableDictionary<string, double>.Empty.WithComparers(StringComparer.Ordinal));

    private RecordedPeaks(ImmutableDictionary<string, double> peaks) => PeaksKw = peaks;

    /// <summary>The recorded peak of each charge, in kW; a charge not here has none.</summary>
    public ImmutableDictionary<string, double> PeaksKw { get; }

    /// <summary>The recorded peak of <paramref name="chargeId"/>, in kW; 0 where none is.</summary>
    public double PeakKw(string chargeId) => PeaksKw.TryGetValue(chargeId, out var kw) ? kw : 0;

    /// <summary>Peaks as read back from storage.</summary>
    /// <exception cref="ArgumentException">A peak is negative or not a number.</exception>
    public static RecordedPeaks From(IEnumerable<KeyValuePair<string, double>> peaks)
    {
        ArgumentNullException.ThrowIfNull(peaks);
        var result = None;
        foreach (var (id, kw) in peaks)
        {
            if (!(kw >= 0) || double.IsInfinity(kw))
            {
                throw new ArgumentException($"the peak of '{id}' is {kw}: expected a finite number of kW, zero or above", nameof(peaks));
            }

            result = new RecordedPeaks(result.PeaksKw.SetItem(id, Math.Max(kw, result.PeakKw(id))));
        }

        return result;
    }

    /// <summary>Records one metered slot: every charge that covers it keeps the higher of its peak and the slot's import.</summary>
    /// <param name="charges">The tariff's demand charges.</param>
    /// <param name="slotStart">The slot's start.</param>
    /// <param name="slotEnd">The slot's end.</param>
    /// <param name="importKw">The site's average import over the slot (charging plus the rest of the building), in kW.</param>
    public RecordedPeaks Record(IReadOnlyList<DemandCharge> charges, Instant slotStart, Instant slotEnd, double importKw)
    {
        ArgumentNullException.ThrowIfNull(charges);
        var peaks = PeaksKw;
        foreach (var charge in charges)
        {
            if (importKw > PeakKw(charge.Id) && charge.Covers(slotStart, slotEnd))
            {
                peaks = peaks.SetItem(charge.Id, importKw);
            }
        }

        return ReferenceEquals(peaks, PeaksKw) ? this : new RecordedPeaks(peaks);
    }

    /// <summary>The charges with their recorded peaks as <see cref="DemandCharge.PeakSoFarKw"/> (never below what they had).</summary>
    public IReadOnlyList<DemandCharge> Apply(IReadOnlyList<DemandCharge> charges)
    {
        ArgumentNullException.ThrowIfNull(charges);
        return [.. charges.Select(c => PeakKw(c.Id) > c.PeakSoFarKw ? new DemandCharge(c.Id, c.PerKw, c.Intervals, PeakKw(c.Id)) : c)];
    }
}
