using NodaTime;
using Scheduler.Protocols.Tariffs;

namespace Scheduler.Tests.Protocols.Tariffs;

public class NordPoolReaderTests
{
    private const string Sample = "nordpool/pynordpool_delivery_period_SE3_2024-11-05.json";

    [Fact]
    public void Read_Se3_Gives24HourlyPricesPerKwh()
    {
        var result = NordPoolReader.Read(TariffSamples.Text(Sample), "SE3");

        Assert.Empty(result.Errors);
        Assert.Equal("EUR", result.Currency);
        Assert.Equal(24, result.Prices.Count);
        Assert.Equal(Instant.FromUtc(2024, 11, 4, 23, 0), result.Prices[0].Start);
        Assert.Equal(0.02154, result.Prices[0].PerKwh, 12);
        Assert.Equal(0.0053, result.Prices.Min(p => p.PerKwh), 12);
        Assert.Equal(0.21586, result.Prices.Max(p => p.PerKwh), 12);
        Assert.Empty(TariffSlots.FindGaps(result.Prices, Instant.FromUtc(2024, 11, 4, 23, 0), Instant.FromUtc(2024, 11, 5, 23, 0)));
    }

    [Fact]
    public void Read_AreaNotInFeed_NamesJsonPath()
    {
        var result = NordPoolReader.Read(TariffSamples.Text(Sample), "SE4");

        Assert.Equal(TariffReadResult.MaxErrors, result.Errors.Count);
        Assert.Equal("$.multiAreaEntries[0].entryPerArea.SE4", result.Errors[0].Location);
        Assert.Equal("is missing: expected a number", result.Errors[0].Message);
    }

    [Fact]
    public void Read_EndBeforeStart_NamesJsonPath()
    {
        var json = TariffSamples.Text(Sample).Replace("\"deliveryEnd\": \"2024-11-05T00:00:00Z\"", "\"deliveryEnd\": \"2024-11-04T22:00:00Z\"", StringComparison.Ordinal);

        var result = NordPoolReader.Read(json, "SE3");

        Assert.Equal("$.multiAreaEntries[0].deliveryEnd", Assert.Single(result.Errors).Location);
    }

    [Fact]
    public void Read_CurrencyThatIsNoIsoCode_IsRefusedAtTheCurrency()
    {
        var json = TariffSamples.Text(Sample).Replace("\"currency\": \"EUR\"", "\"currency\": \"€€€\"", StringComparison.Ordinal);

        var error = Assert.Single(NordPoolReader.Read(json, "SE3").Errors);

        Assert.Equal("$.currency", error.Location);
        Assert.Equal("is \"€€€\": expected an ISO 4217 currency code such as EUR, USD or GBP", error.Message);
    }

    [Fact]
    public void Read_OverlappingEntries_NamesTheLaterOne()
    {
        var json = TariffSamples.Text(Sample).Replace("\"deliveryStart\": \"2024-11-05T00:00:00Z\"", "\"deliveryStart\": \"2024-11-04T23:30:00Z\"", StringComparison.Ordinal);

        var error = Assert.Single(NordPoolReader.Read(json, "SE3").Errors);

        Assert.Equal("$.multiAreaEntries[1]", error.Location);
        Assert.Contains("overlapping $.multiAreaEntries[0]", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_EntryFarFromItsDeliveryDay_IsRefused()
    {
        var json = TariffSamples.Text(Sample)
            .Replace("\"deliveryStart\": \"2024-11-05T00:00:00Z\"", "\"deliveryStart\": \"2025-11-05T00:00:00Z\"", StringComparison.Ordinal)
            .Replace("\"deliveryEnd\": \"2024-11-05T01:00:00Z\"", "\"deliveryEnd\": \"2025-11-05T01:00:00Z\"", StringComparison.Ordinal);

        var error = Assert.Single(NordPoolReader.Read(json, "SE3").Errors);

        Assert.Equal("$.multiAreaEntries[1]", error.Location);
        Assert.EndsWith("more than 7 days outside the document's own period 2024-11-04T23:00:00Z to 2024-11-05T23:00:00Z ($.deliveryDateCET)", error.Message, StringComparison.Ordinal);
    }
}
