using System.Text.Json.Nodes;
using Scheduler.Cli;
using Scheduler.Tests.Protocols.OpenAdr;

namespace Scheduler.Tests.Cli;

public sealed class SignalsCommandTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Import_CapacityLimitEvent_PrintsGridSignalsForTheScenario()
    {
        var events = Write("events.json", OpenAdrSamples.UserGuide("ex-8.10.1-1_create-capacity-limit-event.json"));

        var run = CliRun.Of("signals", "import", events, "--site", "depot-1", "--now", "2023-02-09T00:00:00Z");

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        var signals = JsonNode.Parse(run.Out)!.AsArray();
        Assert.Equal(2, signals.Count);
        Assert.Equal("2023-02-10T00:00:00Z", (string?)signals[0]!["start"]);
        Assert.Equal("2023-02-10T00:30:00Z", (string?)signals[0]!["end"]);
        Assert.Equal(10.0, (double)signals[0]!["maxImportKw"]!);
        Assert.Equal(8.0, (double)signals[1]!["maxImportKw"]!);
    }

    [Fact]
    public void Import_PricingEventWithPrices_PrintsPriceOverridesTheScenarioAccepts()
    {
        var events = Write("events.json", OpenAdrSamples.Annex96Pricing());

        var run = CliRun.Of("signals", "import", events, "--site", "depot-1", "--now", "2026-02-17T00:00:00Z", "--with-prices");

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        var result = JsonNode.Parse(run.Out)!.AsObject();
        Assert.Empty(result["gridSignals"]!.AsArray());
        var prices = result["priceOverrides"]!.AsArray();
        Assert.Equal(13, prices.Count);
        Assert.Equal("2026-02-17T19:00:00Z", (string?)prices[0]!["start"]);
        Assert.All(prices, p => Assert.InRange((double)p!["perKwh"]!, 0.11692, 0.12227));
        var scenario = Scheduler.Tests.Protocols.ScenarioSamples.Minimal();
        scenario["priceOverrides"] = prices.DeepClone();
        Assert.True(Scheduler.Protocols.Scenarios.ScenarioReader.Read(scenario.ToJsonString()).IsValid);
    }

    [Fact]
    public void Import_SimpleEventWithLevels_MapsTheLevelToItsLimit()
    {
        var events = Write("events.json", OpenAdrSamples.UserGuide("ex-8.2-1_create-simple-event.json"));
        var levels = Write("levels.json", "{\"1\": 40}");

        var run = CliRun.Of("signals", "import", events, "--site", "depot-1", "--levels", levels, "--now", "2020-01-01T00:00:00Z");

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        var signal = Assert.Single(JsonNode.Parse(run.Out)!.AsArray());
        Assert.Equal(40.0, (double)signal!["maxImportKw"]!);
    }

    [Fact]
    public void Import_EventWithoutIntervals_ExitsWithBadInputNamingThePath()
    {
        var events = Write("events.json", OpenAdrSamples.UserGuide("ex-8.13-5_ven-reads-event-with-targets.json"));

        var run = CliRun.Of("signals", "import", events, "--site", "depot-1");

        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.Contains("$[0].intervals", run.Error, StringComparison.Ordinal);
        Assert.Empty(run.Out);
    }

    [Theory]
    [InlineData("{\"7\": 40}", "$['7']: is not a SIMPLE level")]
    [InlineData("{\"1\": -5}", "$['1']: found -5, expected a limit in kW")]
    [InlineData("[1, 2]", "$: found an array, expected an object")]
    [InlineData("{\"1\": 4", "$: not valid JSON at line 1, byte 8 of the line")]
    public void Import_BadLevelsFile_ExitsWithBadInputNamingTheOptionAndThePlace(string levelsJson, string expected)
    {
        var events = Write("events.json", OpenAdrSamples.UserGuide("ex-8.2-1_create-simple-event.json"));
        var levels = Write("levels.json", levelsJson);

        var run = CliRun.Of("signals", "import", events, "--site", "depot-1", "--levels", levels);

        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.Contains("--levels: ", run.Error, StringComparison.Ordinal);
        Assert.Contains(expected, run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("LineNumber", run.Error, StringComparison.Ordinal);
        Assert.Empty(run.Out);
    }

    [Fact]
    public void Import_MissingFile_ExitsWithBadInput()
    {
        var run = CliRun.Of("signals", "import", _folder.File("absent.json"), "--site", "depot-1");

        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.Contains("not found", run.Error, StringComparison.Ordinal);
    }

    private string Write(string name, string text)
    {
        var path = _folder.File(name);
        File.WriteAllText(path, text);
        return path;
    }
}
