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
}
