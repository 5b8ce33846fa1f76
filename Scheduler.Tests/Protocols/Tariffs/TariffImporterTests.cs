using NodaTime;
using Scheduler.Protocols.Tariffs;

namespace Scheduler.Tests.Protocols.Tariffs;

public class TariffImporterTests
{
    [Theory]
    [InlineData("entsoe/hass-entso-e_BE_60M.xml", TariffFormat.Entsoe, 24, "EUR")]
    [InlineData("awattar-at/raw-cache60/2024-10-26_1729893600000.json", TariffFormat.Awattar, 24, "EUR")]
    [InlineData("awattar-at/raw-cache15/2026-03-29_1774738800000.json", TariffFormat.EnergyCharts, 92, "EUR")]
    [InlineData("energyzero-nl/graphql_energy_2025-05-31.json", TariffFormat.EnergyZero, 24, "EUR")]
    [InlineData("octopus-agile/demandshaper-doc_agile_E-1R-AGILE-18-02-21-D_2020-05-23_25.json", TariffFormat.Octopus, 100, "GBP")]
    public void Read_EachFormat_UsesItsReader(string file, TariffFormat format, int count, string currency)
    {
        var result = TariffImporter.Read(TariffSamples.Text(file), format);

        Assert.Empty(result.Errors);
        Assert.Equal(count, result.Prices.Count);
        Assert.Equal(currency, result.Currency);
    }

    [Fact]
    public void Read_CsvAsEnergyCharts_UsesCsvReader()
    {
        var csv = "start_utc,end_utc,price_eur_per_mwh\n2025-10-01T22:00:00Z,2025-10-01T22:15:00Z,-12.5\n";

        var result = TariffImporter.Read(csv, TariffFormat.EnergyCharts);

        Assert.Equal(-0.0125, Assert.Single(result.Prices).PerKwh, 12);
    }

    [Fact]
    public void Read_NordPoolWithArea_Reads24Hours()
    {
        var result = TariffImporter.Read(TariffSamples.Text("nordpool/pynordpool_delivery_period_SE3_2024-11-05.json"), TariffFormat.NordPool, new TariffImportOptions { Area = "SE3" });

        Assert.Equal(24, result.Prices.Count);
    }

    [Fact]
    public void Read_NordPoolWithoutArea_IsAnError()
    {
        var result = TariffImporter.Read(TariffSamples.Text("nordpool/pynordpool_delivery_period_SE3_2024-11-05.json"), TariffFormat.NordPool);

        Assert.Equal("options.Area", Assert.Single(result.Errors).Location);
    }

    [Fact]
    public void Read_TouWithoutZone_IsAnError()
    {
        var result = TariffImporter.Read(TariffSamples.Text("tou-acnportal/sce_tou_ev_8_oct_2018.json"), TariffFormat.Tou);

        Assert.Equal("options.Zone", Assert.Single(result.Errors).Location);
    }

    [Fact]
    public void Read_TouWithZoneAndDates_ExpandsTheDays()
    {
        var options = new TariffImportOptions
        {
            Zone = DateTimeZoneProviders.Tzdb["America/Los_Angeles"],
            Dates = new DateInterval(new LocalDate(2018, 10, 15), new LocalDate(2018, 10, 16)),
        };

        var result = TariffImporter.Read(TariffSamples.Text("tou-acnportal/sce_tou_ev_8_oct_2018.json"), TariffFormat.Tou, options);

        Assert.Equal(8, result.Prices.Count);
        Assert.Equal(0.03964, result.Prices[1].PerKwh, 12);
    }

    [Theory]
    [InlineData("entsoe/hass-entso-e_DE_60M_15M_overlap.xml", TariffFormat.Entsoe)]
    [InlineData("awattar-at/raw-cache60/2024-10-26_1729893600000.json", TariffFormat.Awattar)]
    [InlineData("energyzero-nl/rest_electricity_hour_2025-12-16_to_18.json", TariffFormat.EnergyZero)]
    [InlineData("energyzero-nl/graphql_energy_2025-05-31.json", TariffFormat.EnergyZero)]
    [InlineData("nordpool/pynordpool_delivery_period_SE3_2024-11-05.json", TariffFormat.NordPool)]
    [InlineData("octopus-agile/demandshaper-doc_agile_E-1R-AGILE-18-02-21-D_2020-05-23_25.json", TariffFormat.Octopus)]
    [InlineData("tou-acnportal/pge_a10_tou_aug_2019.json", TariffFormat.Tou)]
    public void Read_AnyDamagedFeed_ReturnsPricesOrErrorsNeverThrows(string file, TariffFormat format)
    {
        var options = new TariffImportOptions { Area = "SE3", Zone = DateTimeZoneProviders.Tzdb["America/Los_Angeles"], Dates = new DateInterval(new LocalDate(2019, 8, 1), new LocalDate(2019, 8, 3)) };

        foreach (var (what, text) in Scheduler.Tests.Support.Damage.Of(TariffSamples.Text(file), 300))
        {
            var result = TariffImporter.Read(text, format, options);

            Assert.True(result.IsValid || result.Errors.All(e => e.Location.Length > 0 && e.Message.Length > 0), what);
            Assert.True(result.Errors.Count <= TariffReadResult.MaxErrors, what);
        }
    }
}
