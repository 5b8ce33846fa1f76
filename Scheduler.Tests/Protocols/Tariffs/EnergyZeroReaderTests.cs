using NodaTime;
using Scheduler.Protocols.Tariffs;

namespace Scheduler.Tests.Protocols.Tariffs;

public class EnergyZeroReaderTests
{
    private const string GraphQl = "energyzero-nl/graphql_energy_2025-05-31.json";
    private const string RestHour = "energyzero-nl/rest_electricity_hour_2025-12-16_to_18.json";
    private const string RestQuarter = "energyzero-nl/rest_electricity_quarter_2025-12-16_to_18.json";

    [Fact]
    public void Read_GraphQl_Gives24HoursWithNegativePrices()
    {
        var result = EnergyZeroReader.Read(TariffSamples.Text(GraphQl));

        Assert.Empty(result.Errors);
        Assert.Equal("EUR", result.Currency);
        Assert.Equal(24, result.Prices.Count);
        Assert.Equal(Instant.FromUtc(2025, 5, 30, 22, 0), result.Prices[0].Start);
        Assert.Equal(0.107, result.Prices[0].PerKwh, 12);
        Assert.Equal(-0.01317, result.Prices.Min(p => p.PerKwh), 12);
        Assert.Empty(TariffSlots.FindGaps(result.Prices, Instant.FromUtc(2025, 5, 30, 22, 0), Instant.FromUtc(2025, 5, 31, 22, 0)));
    }

    [Fact]
    public void Read_GraphQlWithVat_ReadsEnergyPriceIncl()
    {
        var result = EnergyZeroReader.Read(TariffSamples.Text(GraphQl), EnergyZeroSeries.BaseWithVat);

        Assert.Equal(0.12947, result.Prices[0].PerKwh, 12);
    }

    [Fact]
    public void Read_GraphQlAllIn_IsAnError()
    {
        var result = EnergyZeroReader.Read(TariffSamples.Text(GraphQl), EnergyZeroSeries.AllIn);

        Assert.Equal("$.data.energyMarketPrices", Assert.Single(result.Errors).Location);
    }

    [Fact]
    public void Read_RestHour_Gives72Hours()
    {
        var result = EnergyZeroReader.Read(TariffSamples.Text(RestHour));

        Assert.Empty(result.Errors);
        Assert.Equal(72, result.Prices.Count);
        Assert.Equal(0.077495, result.Prices[0].PerKwh, 12);
        Assert.Empty(TariffSlots.FindGaps(result.Prices, Instant.FromUtc(2025, 12, 15, 23, 0), Instant.FromUtc(2025, 12, 18, 23, 0)));
    }

    [Fact]
    public void Read_RestQuarter_Gives288QuarterHours()
    {
        var result = EnergyZeroReader.Read(TariffSamples.Text(RestQuarter));

        Assert.Empty(result.Errors);
        Assert.Equal(288, result.Prices.Count);
        Assert.All(result.Prices, p => Assert.Equal(Duration.FromMinutes(15), p.End - p.Start));
        Assert.Equal(0.07994, result.Prices[0].PerKwh, 12);
        Assert.Equal(0.00708, result.Prices.Min(p => p.PerKwh), 12);
    }

    [Fact]
    public void Read_RestAllInWithVat_ReadsThatSeries()
    {
        var result = EnergyZeroReader.Read(TariffSamples.Text(RestQuarter), EnergyZeroSeries.AllInWithVat);

        Assert.Equal(0.2195908, result.Prices[0].PerKwh, 12);
    }

    [Fact]
    public void Read_RestPriceNotANumber_NamesJsonPath()
    {
        var json = TariffSamples.Text(RestQuarter).Replace("\"0.08307\"", "\"0,08307\"", StringComparison.Ordinal);

        var result = EnergyZeroReader.Read(json);

        var error = Assert.Single(result.Errors);
        Assert.Equal("$.base[1].price.value", error.Location);
        Assert.Empty(result.Prices);
    }

    [Fact]
    public void Read_GraphQlBadTimestamp_NamesJsonPath()
    {
        var json = TariffSamples.Text(GraphQl).Replace("\"till\": \"2025-05-30T23:00:00Z\"", "\"till\": \"tomorrow\"", StringComparison.Ordinal);

        var result = EnergyZeroReader.Read(json);

        Assert.Equal("$.data.energyMarketPrices.prices[0].till", Assert.Single(result.Errors).Location);
    }

    [Fact]
    public void Read_RestEntriesThatOverlap_AreRefused()
    {
        var json = TariffSamples.Text("energyzero-nl/rest_electricity_hour_2025-12-16_to_18.json")
            .Replace("\"start\": \"2025-12-16T00:00:00Z\"", "\"start\": \"2025-12-15T23:30:00Z\"", StringComparison.Ordinal);

        var result = EnergyZeroReader.Read(json);

        Assert.Contains(result.Errors, e => e.Location == "$.base[1]" && e.Message.Contains("overlapping $.base[0]", StringComparison.Ordinal));
    }

    [Fact]
    public void Read_RestEntryFarFromTheRange_IsRefused()
    {
        var json = TariffSamples.Text("energyzero-nl/rest_electricity_hour_2025-12-16_to_18.json")
            .Replace("\"start\": \"2025-12-15T23:00:00Z\",\n      \"end\": \"2025-12-16T00:00:00Z\"", "\"start\": \"2015-12-15T23:00:00Z\",\n      \"end\": \"2015-12-16T00:00:00Z\"", StringComparison.Ordinal);

        var result = EnergyZeroReader.Read(json);

        var error = Assert.Single(result.Errors);
        Assert.Equal("$.base[0]", error.Location);
        Assert.Contains("outside the document's own period 2025-12-15T23:00:00Z to 2025-12-18T23:00:00Z ($.range)", error.Message, StringComparison.Ordinal);
    }
}
