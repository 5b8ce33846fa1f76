using NodaTime;
using Scheduler.Optimizer.Model;
using Scheduler.Protocols.Tariffs;

namespace Scheduler.Tests.Protocols.Tariffs;

public class TariffSlotsTests
{
    private static readonly Instant T0 = Instant.FromUtc(2026, 3, 29, 0, 0);
    private static readonly Duration Quarter = Duration.FromMinutes(15);

    private static Instant At(int minutes) => T0 + Duration.FromMinutes(minutes);

    [Fact]
    public void FindGaps_NoPrices_WholeWindowIsAGap()
    {
        var gaps = TariffSlots.FindGaps([], At(0), At(60));

        Assert.Equal([new PriceGap(At(0), At(60))], gaps);
    }

    [Fact]
    public void FindGaps_OverlappingPrices_NoGap()
    {
        PriceInterval[] prices = [new(At(0), At(60), 0.1), new(At(30), At(90), 0.2), new(At(90), At(120), -0.05)];

        Assert.Empty(TariffSlots.FindGaps(prices, At(0), At(120)));
    }

    [Fact]
    public void FindGaps_MissingHourAndShortTail_ReportsBoth()
    {
        PriceInterval[] prices = [new(At(60), At(120), 0.2), new(At(0), At(30), 0.1)];

        var gaps = TariffSlots.FindGaps(prices, At(0), At(150));

        Assert.Equal([new PriceGap(At(30), At(60)), new PriceGap(At(120), At(150))], gaps);
    }

    [Fact]
    public void ToSlots_HourlyPrice_CoversFourQuarterSlots()
    {
        PriceInterval[] prices = [new(At(0), At(60), -0.03)];

        var result = TariffSlots.ToSlots(prices, At(0), At(60), Quarter);

        Assert.True(result.IsComplete);
        Assert.Equal(4, result.Slots.Count);
        Assert.All(result.Slots, s => Assert.Equal(-0.03, s.PerKwh, 12));
        Assert.Equal(At(45), result.Slots[3].Start);
    }

    [Fact]
    public void ToSlots_TwoPricesInOneSlot_TimeWeightedAverage()
    {
        PriceInterval[] prices = [new(At(0), At(5), 0.3), new(At(5), At(15), 0.0)];

        var result = TariffSlots.ToSlots(prices, At(0), At(15), Quarter);

        Assert.Equal(0.1, Assert.Single(result.Slots).PerKwh, 12);
    }

    [Fact]
    public void ToSlots_HalfCoveredSlot_IsLeftOutAndReported()
    {
        PriceInterval[] prices = [new(At(0), At(22), 0.2)];

        var result = TariffSlots.ToSlots(prices, At(0), At(30), Quarter);

        Assert.Single(result.Slots);
        Assert.Equal([new PriceGap(At(22), At(30))], result.Gaps);
    }

    [Fact]
    public void ToSlots_AwattarAutumnDstDay_96Of100QuarterSlotsPriced()
    {
        var vienna = DateTimeZoneProviders.Tzdb["Europe/Vienna"];
        var day = new LocalDate(2024, 10, 27);
        var prices = AwattarReader.Read(TariffSamples.Text("awattar-at/raw-cache60/2024-10-27_1729980000000.json")).Prices;

        var result = TariffSlots.ToSlots(prices, vienna.AtStartOfDay(day).ToInstant(), vienna.AtStartOfDay(day.PlusDays(1)).ToInstant(), Quarter);

        Assert.Equal(96, result.Slots.Count);
        Assert.Equal([new PriceGap(Instant.FromUtc(2024, 10, 27, 22, 0), Instant.FromUtc(2024, 10, 27, 23, 0))], result.Gaps);
        Assert.DoesNotContain(result.Slots, s => s.Start >= Instant.FromUtc(2024, 10, 27, 22, 0));
    }

    [Fact]
    public void ToSlots_WindowNotWholeSlots_Throws()
    {
        Assert.Throws<ArgumentException>(() => TariffSlots.ToSlots([], At(0), At(20), Quarter));
    }
}
