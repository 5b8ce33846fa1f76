using NodaTime;
using Scheduler.Cli.Simulation;
using Scheduler.Tests.Protocols.Tariffs;

namespace Scheduler.Tests.Cli.Simulation;

public sealed class SimulationFilesTests
{
    private static readonly DateTimeZone LosAngeles = DateTimeZoneProviders.Tzdb["America/Los_Angeles"];

    // PG&E A-10: 11.66 per kW in winter (to 30 April), 19.99 in summer (from 1 May); 10:00 costs 0.1477 per kWh on a
    // winter day and 0.1771 on a summer weekday.
    private static readonly string PgeA10 = TariffSamples.PathOf("tou-acnportal/pge_a10_tou_aug_2019.json");

    [Fact]
    public void ReadInput_TouTariffOverTwoMonths_OneDemandChargePerCalendarMonth()
    {
        using var folder = new TempFolder();

        var input = SimulationFiles.ReadInput(Request(folder));

        Assert.Equal(["demand-2019-04", "demand-2019-05"], input.Tariff.DemandCharges.Select(c => c.Id));
        Assert.Equal([11.66, 19.99], input.Tariff.DemandCharges.Select(c => c.PerKw));
        var may = Assert.Single(input.Tariff.DemandCharges[1].Intervals);
        Assert.Equal(LosAngeles.AtStartOfDay(new LocalDate(2019, 5, 1)).ToInstant(), may.Start);
    }

    [Fact]
    public void Run_TwoMonths_UncontrolledPaysEachMonthsChargeOnThatMonthsPeak()
    {
        // Each car draws 11.04 kW from 10:00, one on 30 April for an hour, one on 1 May for half an hour.
        using var folder = new TempFolder();
        var input = SimulationFiles.ReadInput(Request(folder));

        var result = SimulationRunner.Run(input);

        var uncontrolled = result.Strategies.Single(s => s.Name == "uncontrolled");
        var energy = (11.04 * 0.1477) + (5.52 * 0.1771);
        var demand = (11.66 * 11.04) + (19.99 * 11.04);
        Assert.Equal(energy + demand, uncontrolled.Cost, 6);
    }

    [Fact]
    public void ReadInput_UrdbRate_FacilityAndTouChargesForEachMonth()
    {
        using var folder = new TempFolder();

        var input = SimulationFiles.ReadInput(Request(folder) with { TariffPath = TariffSamples.PathOf("urdb/sce_tou-8_option-d_under-2kv.json"), TariffFormat = "urdb" });

        Assert.Equal(
            ["facility-2019-04", "tou-period-1-2019-04", "facility-2019-05", "tou-period-1-2019-05"],
            input.Tariff.DemandCharges.Select(c => c.Id));
        Assert.Equal("USD", input.Tariff.Currency);
    }

    private static SimulationRequest Request(TempFolder folder)
    {
        File.WriteAllText(folder.File("site.json"), """
            { "id": "garage", "timeZone": "America/Los_Angeles", "gridLimitKw": 100,
              "chargers": [ { "id": "cp-1", "maxCurrentA": 16 } ] }
            """);
        File.WriteAllText(folder.File("sessions.csv"), """
            arrival,departure,energyKwh,chargerId
            2019-04-30T10:00:00-07:00,2019-04-30T12:00:00-07:00,11.04,cp-1
            2019-05-01T10:00:00-07:00,2019-05-01T12:00:00-07:00,5.52,cp-1
            """);
        return new SimulationRequest(
            folder.File("sessions.csv"),
            folder.File("site.json"),
            PgeA10,
            "tou",
            SignalsPath: null,
            From: "2019-04-30",
            To: "2019-05-01",
            OutPath: null,
            PlotPath: null,
            DefaultDeparture: "17:00",
            DefaultEnergyKwh: 10);
    }
}
