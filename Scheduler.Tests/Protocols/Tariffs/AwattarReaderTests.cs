using NodaTime;
using Scheduler.Protocols.Tariffs;

namespace Scheduler.Tests.Protocols.Tariffs;

public class AwattarReaderTests
{
    private static readonly DateTimeZone Vienna = DateTimeZoneProviders.Tzdb["Europe/Vienna"];

    [Fact]
    public void Read_Hourly_Gives24PricesPerKwhFromLocalMidnight()
    {
        var result = AwattarReader.Read(TariffSamples.Text("awattar-at/raw-cache60/2024-10-26_1729893600000.json"));

        Assert.Empty(result.Errors);
        Assert.Equal("EUR", result.Currency);
        Assert.Equal(24, result.Prices.Count);
        Assert.Equal(Vienna.AtStartOfDay(new LocalDate(2024, 10, 26)).ToInstant(), result.Prices[0].Start);
        Assert.Equal(0.10892, result.Prices[0].PerKwh, 12);
    }

    [Fact]
    public void Read_RecordNegativeDay_KeepsMinus500()
    {
        var result = AwattarReader.Read(TariffSamples.Text("awattar-at/raw-cache60/2023-07-02_1688248800000.json"));

        Assert.Equal(-0.5, result.Prices.Min(p => p.PerKwh), 12);
    }

    [Fact]
    public void Read_AutumnDstDay_LeavesTheLastLocalHourUnpriced()
    {
        var prices = new[] { "2024-10-26_1729893600000", "2024-10-27_1729980000000", "2024-10-28_1730070000000" }
            .SelectMany(day => AwattarReader.Read(TariffSamples.Text($"awattar-at/raw-cache60/{day}.json")).Prices)
            .ToList();
        var day = new LocalDate(2024, 10, 27);

        var gaps = TariffSlots.FindGaps(prices, Vienna.AtStartOfDay(day).ToInstant(), Vienna.AtStartOfDay(day.PlusDays(1)).ToInstant());

        var gap = Assert.Single(gaps);
        Assert.Equal(Instant.FromUtc(2024, 10, 27, 22, 0), gap.Start);
        Assert.Equal(Instant.FromUtc(2024, 10, 27, 23, 0), gap.End);
    }

    [Fact]
    public void Read_SpringDstDay_OverlapsNextDayWithoutGap()
    {
        var prices = new[] { "2024-03-31_1711839600000", "2024-04-01_1711922400000" }
            .SelectMany(day => AwattarReader.Read(TariffSamples.Text($"awattar-at/raw-cache60/{day}.json")).Prices)
            .ToList();

        Assert.Equal(-0.03139, prices.Min(p => p.PerKwh), 12);
        Assert.Empty(TariffSlots.FindGaps(prices));
    }

    [Theory]
    [InlineData("2025-10-26_1761429600000", 2025, 10, 26, 100)]
    [InlineData("2026-03-29_1774738800000", 2026, 3, 29, 92)]
    [InlineData("2025-10-01_1759269600000", 2025, 10, 1, 96)]
    public void Read_EnergyCharts15M_CoversTheLocalDayInQuarterHours(string file, int year, int month, int dayOfMonth, int count)
    {
        var day = new LocalDate(year, month, dayOfMonth);

        var result = AwattarReader.Read(TariffSamples.Text($"awattar-at/raw-cache15/{file}.json"));

        Assert.Empty(result.Errors);
        Assert.Equal(count, result.Prices.Count);
        Assert.All(result.Prices, p => Assert.Equal(Duration.FromMinutes(15), p.End - p.Start));
        Assert.Empty(TariffSlots.FindGaps(result.Prices, Vienna.AtStartOfDay(day).ToInstant(), Vienna.AtStartOfDay(day.PlusDays(1)).ToInstant()));
    }

    [Fact]
    public void Read_EnergyCharts15MNegativeDay_KeepsMinus498()
    {
        var result = AwattarReader.Read(TariffSamples.Text("awattar-at/raw-cache15/2026-05-01_1777586400000.json"));

        Assert.Equal(-0.49865, result.Prices.Min(p => p.PerKwh), 12);
    }

    [Fact]
    public void Read_PriceAsString_NamesJsonPath()
    {
        var json = """{"object":"list","data":[{"start_timestamp":0,"end_timestamp":3600000,"marketprice":1,"unit":"Eur/MWh"},{"start_timestamp":3600000,"end_timestamp":7200000,"marketprice":"12.5","unit":"Eur/MWh"}]}""";

        var result = AwattarReader.Read(json);

        var error = Assert.Single(result.Errors);
        Assert.Equal("$.data[1].marketprice", error.Location);
        Assert.Equal("is \"12.5\": expected a number", error.Message);
        Assert.Empty(result.Prices);
    }

    [Fact]
    public void Read_WrongUnit_NamesJsonPath()
    {
        var json = """{"object":"list","data":[{"start_timestamp":0,"end_timestamp":3600000,"marketprice":1,"unit":"ct/kWh"}]}""";

        var result = AwattarReader.Read(json);

        Assert.Equal("$.data[0].unit", Assert.Single(result.Errors).Location);
    }

    [Fact]
    public void Read_TruncatedJson_NamesLine()
    {
        var result = AwattarReader.Read("{\n\"data\": [\n{\"start_timestamp\": 1,");

        Assert.StartsWith("not valid JSON at line 3", Assert.Single(result.Errors).Message, StringComparison.Ordinal);
    }

    private const string NegativeDay = "awattar-at/raw-cache60/2023-07-02_1688248800000.json";

    [Fact]
    public void Read_OverlappingEntries_NamesBoth()
    {
        var node = System.Text.Json.Nodes.JsonNode.Parse(TariffSamples.Text(NegativeDay))!;
        node["data"]![1]!["start_timestamp"] = node["data"]![1]!["start_timestamp"]!.GetValue<long>() - 1_800_000;

        var error = Assert.Single(AwattarReader.Read(node.ToJsonString()).Errors);

        Assert.Equal("$.data[1]", error.Location);
        Assert.Equal("runs from 2023-07-01T22:30:00Z to 2023-07-02T00:00:00Z, overlapping $.data[0] (2023-07-01T22:00:00Z to 2023-07-01T23:00:00Z): expected each instant priced once", error.Message);
    }

    [Fact]
    public void Read_TimestampsInSeconds_AreRefusedNotReadAs1970()
    {
        var node = System.Text.Json.Nodes.JsonNode.Parse(TariffSamples.Text(NegativeDay))!;
        foreach (var entry in node["data"]!.AsArray())
        {
            entry!["start_timestamp"] = entry["start_timestamp"]!.GetValue<long>() / 1000;
            entry["end_timestamp"] = entry["end_timestamp"]!.GetValue<long>() / 1000;
        }

        var result = AwattarReader.Read(node.ToJsonString());

        Assert.Empty(result.Prices);
        Assert.Equal("$.data[0].start_timestamp", result.Errors[0].Location);
        Assert.Equal("is 1688248800, which as milliseconds is 1970-01-20T12:57:28Z: it looks like seconds since 1970; expected milliseconds, e.g. 1688248800000", result.Errors[0].Message);
    }

    [Fact]
    public void Read_IntervalOfMilliseconds_IsAbsurd()
    {
        var json = """{"object":"list","data":[{"start_timestamp":1688248800000,"end_timestamp":1688248800900,"marketprice":10,"unit":"Eur/MWh"}]}""";

        var error = Assert.Single(AwattarReader.Read(json).Errors);

        Assert.Equal("$.data[0]", error.Location);
        Assert.EndsWith("0.9 seconds: expected an interval of 1 minute to 25 hours", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_MoreEntriesThanAFeedHolds_IsRefusedBeforeTheyAreRead()
    {
        var entry = """{"start_timestamp":1688248800000,"end_timestamp":1688252400000,"marketprice":10,"unit":"Eur/MWh"}""";
        var json = "{\"data\":[" + string.Join(',', Enumerable.Repeat(entry, Scheduler.Protocols.Input.InputLimits.MaxIntervals + 1)) + "]}";

        var error = Assert.Single(AwattarReader.Read(json).Errors);

        Assert.Equal("$.data", error.Location);
        Assert.Equal("holds 105,409 entries, more than the 105,408 intervals (a year of five-minute prices) a feed may hold", error.Message);
    }

    [Fact]
    public void Read_StreamWithInvalidUtf8_IsRefusedNotReplaced()
    {
        using var stream = new MemoryStream([.. "{\"data\":[\""u8.ToArray(), 0xC0, 0xAF]);

        var error = Assert.Single(AwattarReader.Read(stream).Errors);

        Assert.Contains("is not UTF-8: an invalid byte sequence at byte offset 10", error.Message, StringComparison.Ordinal);
    }
}
