using NodaTime;
using Scheduler.Protocols.Tariffs;

namespace Scheduler.Tests.Protocols.Tariffs;

public class PriceCsvReaderTests
{
    private static readonly DateTimeZone Vienna = DateTimeZoneProviders.Tzdb["Europe/Vienna"];

    private static readonly Lazy<TariffReadResult> Hourly = new(() => PriceCsvReader.Read(TariffSamples.Text("awattar-at/awattar_AT_hourly_all.csv")));

    private static readonly Lazy<TariffReadResult> QuarterHourly = new(() => PriceCsvReader.Read(TariffSamples.Text("awattar-at/energycharts_AT_15min_all.csv")));

    [Fact]
    public void Read_AwattarHourly_GivesAllRowsWithNegatives()
    {
        var result = Hourly.Value;

        Assert.Empty(result.Errors);
        Assert.Equal(78_135, result.Prices.Count);
        Assert.Equal(1_465, result.Prices.Count(p => p.PerKwh < 0));
        Assert.Equal(Instant.FromUtc(2017, 9, 21, 22, 0), result.Prices[0].Start);
        Assert.Equal(0.03224, result.Prices[0].PerKwh, 12);
    }

    [Fact]
    public void Read_AwattarHourly_ReportsTheNineAutumnDstGaps()
    {
        var gaps = TariffSlots.FindGaps(Hourly.Value.Prices);

        Assert.Equal(9, gaps.Count);
        Assert.All(gaps, g => Assert.Equal(Duration.FromHours(1), g.Length));
        Assert.All(gaps, g => Assert.Equal(22, g.Start.InUtc().Hour));
        Assert.All(gaps, g => Assert.Equal(IsoDayOfWeek.Sunday, g.Start.InUtc().DayOfWeek));
        Assert.All(gaps, g => Assert.Equal(10, g.Start.InUtc().Month));
        Assert.Equal(Instant.FromUtc(2024, 10, 27, 22, 0), gaps[7].Start);
    }

    [Theory]
    [InlineData(2025, 10, 26, 100)]
    [InlineData(2026, 3, 29, 92)]
    [InlineData(2026, 1, 15, 96)]
    public void Read_EnergyCharts15M_DstDaysHave100And92Slots(int year, int month, int dayOfMonth, int count)
    {
        var day = new LocalDate(year, month, dayOfMonth);
        var start = Vienna.AtStartOfDay(day).ToInstant();
        var end = Vienna.AtStartOfDay(day.PlusDays(1)).ToInstant();

        var slots = QuarterHourly.Value.Prices.Count(p => p.Start >= start && p.End <= end);

        Assert.Equal(count, slots);
    }

    [Fact]
    public void Read_EnergyCharts15M_HasNoGapsAndKeepsNegatives()
    {
        var result = QuarterHourly.Value;

        Assert.Empty(result.Errors);
        Assert.Equal(31_224, result.Prices.Count);
        Assert.Equal(950, result.Prices.Count(p => p.PerKwh < 0));
        Assert.Empty(TariffSlots.FindGaps(result.Prices));
    }

    [Fact]
    public void Read_BadPrice_NamesLineAndColumn()
    {
        var csv = "start_utc,end_utc,price_eur_per_mwh\n2025-10-01T22:00:00Z,2025-10-01T22:15:00Z,12.5\n2025-10-01T22:15:00Z,2025-10-01T22:30:00Z,n/a\n";

        var result = PriceCsvReader.Read(csv);

        var error = Assert.Single(result.Errors);
        Assert.Equal("line 3, price_eur_per_mwh", error.Location);
        Assert.Empty(result.Prices);
    }

    [Fact]
    public void Read_WrongHeader_NamesLine1()
    {
        var result = PriceCsvReader.Read("start,end,price\n");

        Assert.Equal("line 1", Assert.Single(result.Errors).Location);
    }

    [Fact]
    public void Read_RepeatedLine_IsAnOverlapNamingBothLines()
    {
        var csv = "start_utc,end_utc,price_eur_per_mwh\n2025-09-29T22:00:00Z,2025-09-29T23:00:00Z,100.3\n2025-09-29T22:00:00Z,2025-09-29T23:00:00Z,100.3\n";

        var error = Assert.Single(PriceCsvReader.Read(csv).Errors);

        Assert.Equal("line 3", error.Location);
        Assert.Contains("overlapping line 2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_PriceBeyondAnyMarket_IsRefused()
    {
        var csv = "start_utc,end_utc,price_eur_per_mwh\n2025-09-29T22:00:00Z,2025-09-29T23:00:00Z,1e20\n";

        var error = Assert.Single(PriceCsvReader.Read(csv).Errors);

        Assert.Equal("line 2", error.Location);
        Assert.StartsWith("prices 1E+17 per kWh: expected -10000 to 10000", error.Message, StringComparison.Ordinal);
    }
}
