using System.Text.Json.Nodes;
using Scheduler.Cli;
using Scheduler.Protocols.Scenarios;
using Scheduler.Tests.Protocols.Tariffs;

namespace Scheduler.Tests.Cli;

public sealed class TariffCommandTests
{
    [Fact]
    public void Import_EntsoeHourlyOnQuarterHours_PrintsNinetySixSlotsThatAScenarioAccepts()
    {
        var run = CliRun.Of("tariff", "import", TariffSamples.PathOf("entsoe/hass-entso-e_BE_60M.xml"), "--format", "entsoe", "--zone", "Europe/Brussels", "--slot-minutes", "15");

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        var tariff = JsonNode.Parse(run.Out)!.AsObject();
        var prices = tariff["prices"]!.AsArray();
        Assert.Equal(96, prices.Count);
        Assert.Equal("2024-10-08T00:00:00+02:00", (string?)prices[0]!["start"]);
        Assert.Equal((double)prices[0]!["perKwh"]!, (double)prices[3]!["perKwh"]!);
        var scenario = ScenarioReader.Read(Scenario(tariff, "2024-10-08T00:00:00+02:00", "2024-10-09T00:00:00+02:00", "Europe/Brussels"));
        Assert.True(scenario.IsValid, string.Join("; ", scenario.Errors));
        Assert.Equal(96, scenario.Problem!.Tariff.Prices.Count);
    }

    [Fact]
    public void Import_EnergyChartsSpringForwardDay_HasNinetyTwoQuarterHours()
    {
        var run = CliRun.Of("tariff", "import", TariffSamples.PathOf("awattar-at/energycharts_AT_15min_all.csv"), "--format", "energycharts", "--zone", "Europe/Vienna", "--from", "2026-03-29", "--to", "2026-03-29");

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.Equal(92, JsonNode.Parse(run.Out)!["prices"]!.AsArray().Count);
    }

    [Fact]
    public void Import_TouAcrossTwoMonths_PrintsOneDemandChargePerMonthThatAScenarioAccepts()
    {
        var run = CliRun.Of("tariff", "import", TariffSamples.PathOf("tou-acnportal/pge_a10_tou_aug_2019.json"), "--format", "tou", "--zone", "America/Los_Angeles", "--from", "2019-04-30", "--to", "2019-05-01", "--slot-minutes", "15");

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        var tariff = JsonNode.Parse(run.Out)!.AsObject();
        Assert.Null(tariff["demandChargePerKw"]);
        var charges = tariff["demandCharges"]!.AsArray();
        Assert.Equal(["demand-2019-04", "demand-2019-05"], charges.Select(c => (string)c!["id"]!));
        Assert.Equal(11.66, (double)charges[0]!["perKw"]!);
        Assert.Equal(0, (double)charges[0]!["peakSoFarKw"]!);
        Assert.Equal("2019-05-01T00:00:00-07:00", (string?)charges[1]!["intervals"]![0]!["start"]);
        Assert.Equal("2019-05-02T00:00:00-07:00", (string?)charges[1]!["intervals"]![0]!["end"]);
        var scenario = ScenarioReader.Read(Scenario(tariff, "2019-04-30T00:00:00-07:00", "2019-05-02T00:00:00-07:00", "America/Los_Angeles"));
        Assert.True(scenario.IsValid, string.Join("; ", scenario.Errors));
        Assert.Equal([11.66, 19.99], scenario.Problem.Tariff.DemandCharges.Select(c => c.PerKw));
    }

    [Fact]
    public void Import_UrdbTou8D_PrintsPricesAndChargesThatAScenarioAcceptsAndReportsTheFixedCharge()
    {
        var run = CliRun.Of("tariff", "import", TariffSamples.PathOf("urdb/sce_tou-8_option-d_under-2kv.json"), "--format", "urdb", "--zone", "America/Los_Angeles", "--from", "2025-07-07", "--to", "2025-07-08", "--slot-minutes", "15");

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        var tariff = JsonNode.Parse(run.Out)!.AsObject();
        Assert.Equal(192, tariff["prices"]!.AsArray().Count);
        var charges = tariff["demandCharges"]!.AsArray();
        Assert.Equal(["facility-2025-07", "tou-period-2-2025-07"], charges.Select(c => (string)c!["id"]!));
        Assert.Equal(
            [("2025-07-07T16:00:00-07:00", "2025-07-07T21:00:00-07:00"), ("2025-07-08T16:00:00-07:00", "2025-07-08T21:00:00-07:00")],
            charges[1]!["intervals"]!.AsArray().Select(i => ((string)i!["start"]!, (string)i["end"]!)));
        Assert.Contains("note: $.items[0].fixedchargefirstmeter: a fixed charge of 447.44 $/month: not planned", run.Error, StringComparison.Ordinal);
        var scenario = ScenarioReader.Read(Scenario(tariff, "2025-07-07T00:00:00-07:00", "2025-07-09T00:00:00-07:00", "America/Los_Angeles"));
        Assert.True(scenario.IsValid, string.Join("; ", scenario.Errors));
        Assert.Equal([25.36, 29.54], scenario.Problem.Tariff.DemandCharges.Select(c => c.PerKw));
    }

    [Fact]
    public void Import_UrdbWithARatchet_ExitsWithBadInputNamingTheField()
    {
        using var folder = new TempFolder();
        var path = folder.File("rate.json");
        var rate = JsonNode.Parse(File.ReadAllText(TariffSamples.PathOf("urdb/sce_tou-8_option-d_under-2kv.json")))!;
        rate["items"]![0]!["demandratchetpercentage"] = JsonNode.Parse("[0.8, 0.8, 0.8, 0.8, 0.8, 0.8, 0.8, 0.8, 0.8, 0.8, 0.8, 0.8]");
        File.WriteAllText(path, rate.ToJsonString());

        var run = CliRun.Of("tariff", "import", path, "--format", "urdb", "--zone", "America/Los_Angeles", "--from", "2025-07-07", "--to", "2025-07-07");

        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.Contains("$.items[0].demandratchetpercentage", run.Error, StringComparison.Ordinal);
        Assert.Empty(run.Out);
    }

    [Fact]
    public void Import_PriceFeed_PrintsNoDemandCharges()
    {
        var run = CliRun.Of("tariff", "import", TariffSamples.PathOf("entsoe/hass-entso-e_BE_60M.xml"), "--format", "entsoe", "--zone", "Europe/Brussels");

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.Empty(JsonNode.Parse(run.Out)!["demandCharges"]!.AsArray());
    }

    [Fact]
    public void Import_AwattarAutumnDayWithoutItsLastHour_ReportsTheGapInsteadOfAZeroPrice()
    {
        var run = CliRun.Of("tariff", "import", TariffSamples.PathOf("awattar-at/raw-cache60/2024-10-27_1729980000000.json"), "--format", "awattar", "--zone", "Europe/Vienna", "--from", "2024-10-27", "--to", "2024-10-27", "--slot-minutes", "15");

        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.Contains("from 2024-10-27T23:00:00+01:00 to 2024-10-28T00:00:00+01:00", run.Error, StringComparison.Ordinal);
        Assert.Empty(run.Out);
    }

    [Theory]
    [InlineData("--zone", "Europe/Atlantis")]
    [InlineData("--format", "csv")]
    [InlineData("--slot-minutes", "7")]
    public void Import_BadOption_ExitsWithBadInput(string option, string value)
    {
        var args = new List<string> { "tariff", "import", TariffSamples.PathOf("entsoe/hass-entso-e_BE_60M.xml"), "--format", "entsoe", "--zone", "Europe/Brussels" };
        var at = args.IndexOf(option);
        if (at >= 0)
        {
            args[at + 1] = value;
        }
        else
        {
            args.AddRange([option, value]);
        }

        var run = CliRun.Of([.. args]);

        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
    }

    [Fact]
    public void Import_MalformedFeed_ExitsWithBadInputNamingThePlace()
    {
        using var folder = new TempFolder();
        var path = folder.File("feed.json");
        File.WriteAllText(path, "{\"object\":\"list\",\"data\":[{\"start_timestamp\":1,\"end_timestamp\":2,\"marketprice\":\"x\",\"unit\":\"Eur/MWh\"}]}");

        var run = CliRun.Of("tariff", "import", path, "--format", "awattar", "--zone", "Europe/Vienna");

        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.Contains("$.data[0]", run.Error, StringComparison.Ordinal);
    }

    private static string Scenario(JsonObject tariff, string start, string end, string zone) => new JsonObject
    {
        ["version"] = 1,
        ["site"] = new JsonObject
        {
            ["id"] = "site",
            ["timeZone"] = zone,
            ["gridLimitKw"] = 50,
            ["chargers"] = new JsonArray(new JsonObject { ["id"] = "cp", ["maxCurrentA"] = 16 }),
        },
        ["tariff"] = tariff.DeepClone(),
        ["sessions"] = new JsonArray(),
        ["planning"] = new JsonObject { ["start"] = start, ["end"] = end },
    }.ToJsonString();
}
