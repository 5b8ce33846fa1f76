using NodaTime;
using Scheduler.Protocols.Tariffs;

namespace Scheduler.Tests.Protocols.Tariffs;

public class OctopusAgileReaderTests
{
    private const string Sample = "octopus-agile/demandshaper-doc_agile_E-1R-AGILE-18-02-21-D_2020-05-23_25.json";

    [Fact]
    public void Read_IncVat_Gives100HalfHoursOldestFirstInPounds()
    {
        var result = OctopusAgileReader.Read(TariffSamples.Text(Sample));

        Assert.Empty(result.Errors);
        Assert.Equal("GBP", result.Currency);
        Assert.Equal(100, result.Prices.Count);
        Assert.All(result.Prices, p => Assert.Equal(Duration.FromMinutes(30), p.End - p.Start));
        Assert.Equal(Instant.FromUtc(2020, 5, 23, 20, 0), result.Prices[0].Start);
        Assert.Equal(0.01155, result.Prices[0].PerKwh, 12);
        Assert.Equal(Instant.FromUtc(2020, 5, 25, 22, 0), result.Prices[^1].End);
        Assert.Empty(TariffSlots.FindGaps(result.Prices));
    }

    [Fact]
    public void Read_IncVat_Keeps23NegativeHalfHours()
    {
        var result = OctopusAgileReader.Read(TariffSamples.Text(Sample));

        Assert.Equal(23, result.Prices.Count(p => p.PerKwh < 0));
        Assert.Equal(-0.05271, result.Prices.Min(p => p.PerKwh), 12);
    }

    [Fact]
    public void Read_ExcVat_ReadsValueExcVat()
    {
        var result = OctopusAgileReader.Read(TariffSamples.Text(Sample), includeVat: false);

        Assert.Equal(0.011, result.Prices[0].PerKwh, 12);
        Assert.Equal(-0.0502, result.Prices.Min(p => p.PerKwh), 12);
    }

    [Fact]
    public void Read_MissingRate_NamesJsonPath()
    {
        var json = TariffSamples.Text(Sample).Replace("{\"value_exc_vat\":6.95,\"value_inc_vat\":7.2975,", "{\"value_exc_vat\":6.95,", StringComparison.Ordinal);

        var result = OctopusAgileReader.Read(json);

        var error = Assert.Single(result.Errors);
        Assert.Equal("$.results[0].value_inc_vat", error.Location);
        Assert.Equal("is missing: expected a number", error.Message);
    }

    [Fact]
    public void Read_OverlappingRates_AreRefused()
    {
        var json = """
            {"results":[
              {"value_exc_vat":6.95,"value_inc_vat":7.2975,"valid_from":"2020-05-25T21:30:00Z","valid_to":"2020-05-25T22:00:00Z"},
              {"value_exc_vat":7.48,"value_inc_vat":7.854,"valid_from":"2020-05-25T21:00:00Z","valid_to":"2020-05-25T21:45:00Z"}]}
            """;

        var error = Assert.Single(OctopusAgileReader.Read(json).Errors);

        Assert.Equal("$.results[0]", error.Location);
        Assert.Contains("overlapping $.results[1] (2020-05-25T21:00:00Z to 2020-05-25T21:45:00Z)", error.Message, StringComparison.Ordinal);
    }
}
