using NodaTime;
using Scheduler.Optimizer.Model;
using Scheduler.Protocols.Billing;

namespace Scheduler.Tests.Protocols.Billing;

public sealed class RecordedPeaksTests
{
    private static readonly Instant March = Instant.FromUtc(2026, 3, 1, 0, 0);
    private static readonly Instant April = Instant.FromUtc(2026, 4, 1, 0, 0);
    private static readonly Duration Slot = Duration.FromMinutes(15);

    private static readonly DemandCharge[] Charges =
    [
        new("facility-2026-03", 10, [new Interval(March, April)]),
        new("facility-2026-04", 10, [new Interval(April, April + Duration.FromDays(30))]),
    ];

    [Fact]
    public void Record_SlotsOfMarch_KeepTheHighestForMarchOnly()
    {
        var peaks = RecordedPeaks.None
            .Record(Charges, March, March + Slot, 20)
            .Record(Charges, March + Slot, March + (2 * Slot), 35)
            .Record(Charges, March + (2 * Slot), March + (3 * Slot), 25);

        Assert.Equal(35, peaks.PeakKw("facility-2026-03"));
        Assert.Equal(0, peaks.PeakKw("facility-2026-04"));
    }

    [Fact]
    public void Apply_NewPeriod_StartsFromZeroWhileTheOldKeepsItsPeak()
    {
        var peaks = RecordedPeaks.None.Record(Charges, April - Slot, April, 40);

        var applied = peaks.Apply(Charges);

        Assert.Equal(40, applied[0].PeakSoFarKw);
        Assert.Equal(0, applied[1].PeakSoFarKw);
        Assert.Equal(Charges[1].Intervals, applied[1].Intervals);
    }

    [Fact]
    public void From_NegativePeak_Throws() =>
        Assert.Throws<ArgumentException>(() => RecordedPeaks.From([new KeyValuePair<string, double>("facility-2026-03", -1)]));
}
