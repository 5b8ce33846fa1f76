using System.Text.Json;
using System.Text.Json.Nodes;
using Scheduler.Cli;
using Scheduler.Protocols.Plans;
using Scheduler.Tests.Protocols;

namespace Scheduler.Tests.Cli;

public sealed class PlanCommandTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Plan_ValidScenario_WritesPlanFileThatMatchesTheSchema()
    {
        var scenario = WriteScenario(ScenarioSamples.Minimal());
        var planPath = _folder.File("plan.json");

        var run = CliRun.Of("plan", scenario, "--out", planPath);

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.Empty(PlanSchema.Validate(File.ReadAllText(planPath)));
        Assert.Equal(["plan.json", "scenario.json"], _folder.FileNames());
    }

    [Theory]
    [InlineData("1.6", "V16", "csChargingProfiles")]
    [InlineData("2.0.1", "V201", "chargingProfile")]
    public void Plan_OcppVersion_WritesProfilesOfThatVersionThatPassTheOfficialSchema(string option, string version, string profileField)
    {
        var scenario = WriteScenario(ScenarioSamples.Full());
        var planPath = _folder.File("plan.json");

        var run = CliRun.Of("plan", scenario, "--out", planPath, "--ocpp", option);

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        var text = File.ReadAllText(planPath);
        Assert.Empty(PlanSchema.Validate(text));
        var profiles = JsonNode.Parse(text)!["chargingProfiles"]!.AsArray();
        Assert.Contains(profiles, p => (string?)p!["purpose"] == "TxProfile");
        Assert.Contains(profiles, p => (string?)p!["purpose"] == "TxDefaultProfile");
        foreach (var profile in profiles)
        {
            Assert.Equal(option, (string?)profile!["ocppVersion"]);
            var payload = profile["payload"]!.AsObject();
            Assert.NotNull(payload[profileField]);
            Assert.Empty(Scheduler.Protocols.Ocpp.ChargingProfileValidator.Validate(
                JsonNode.Parse(payload.ToJsonString())!.AsObject(),
                Enum.Parse<Scheduler.Protocols.Ocpp.OcppVersion>(version)));
        }
    }

    [Fact]
    public void Plan_UnknownOcppVersion_ExitsWithBadInputAndWritesNothing()
    {
        var scenario = WriteScenario(ScenarioSamples.Minimal());
        var planPath = _folder.File("plan.json");

        var run = CliRun.Of("plan", scenario, "--out", planPath, "--ocpp", "3.0");

        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.Contains("--ocpp", run.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(planPath));
    }

    [Fact]
    public void Plan_ValidScenario_PrintsTheSummaryWithEverySession()
    {
        var scenario = WriteScenario(ScenarioSamples.Full());

        var run = CliRun.Of("plan", scenario);

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.Empty(run.Error);
        foreach (var label in new[] { "Status", "Cost", "Lower bound", "Gap", "Baseline", "Savings", "Peak", "SEK", "s-1", "s-2", "cp-01", "Short kWh" })
        {
            Assert.Contains(label, run.Out, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Plan_WithoutOut_WritesNoFile()
    {
        var scenario = WriteScenario(ScenarioSamples.Minimal());

        var run = CliRun.Of("plan", scenario, "--time-limit", "5");

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.Equal(["scenario.json"], _folder.FileNames());
    }

    [Fact]
    public void Plan_OutDash_WritesOnlyThePlanToStdoutAndTheSummaryToStderr()
    {
        var scenario = WriteScenario(ScenarioSamples.Minimal());

        var run = CliRun.Of("plan", scenario, "--out", "-");

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.Empty(PlanSchema.Validate(run.Out));
        Assert.Contains("Lower bound", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_ExistingOutputFile_IsReplacedByTheWholePlan()
    {
        var scenario = WriteScenario(ScenarioSamples.Minimal());
        var planPath = _folder.File("plan.json");
        File.WriteAllText(planPath, "old content that is longer than nothing");

        var run = CliRun.Of("plan", scenario, "-o", planPath);

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        using var plan = JsonDocument.Parse(File.ReadAllText(planPath));
        Assert.Equal("depot-1", plan.RootElement.GetProperty("siteId").GetString());
        Assert.Equal(["plan.json", "scenario.json"], _folder.FileNames());
    }

    [Fact]
    public void Plan_UnknownCharger_ExitsWithBadInputNamingThePathAndWritesNoFile()
    {
        var json = ScenarioSamples.Minimal();
        json.At("sessions[0]")["chargerId"] = "cp-99";
        var scenario = WriteScenario(json);
        var planPath = _folder.File("plan.json");

        var run = CliRun.Of("plan", scenario, "--out", planPath);

        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.Contains("$.sessions[0].chargerId: unknown charger 'cp-99'", run.Error, StringComparison.Ordinal);
        Assert.Empty(run.Out);
        Assert.Equal(["scenario.json"], _folder.FileNames());
    }

    [Fact]
    public void Plan_DepartureBeforeArrival_ExitsWithBadInputNamingThePath()
    {
        var json = ScenarioSamples.Minimal();
        json.At("sessions[0]")["departure"] = "2026-03-29T00:15:00+01:00";
        var scenario = WriteScenario(json);
        var planPath = _folder.File("plan.json");

        var run = CliRun.Of("plan", scenario, "--out", planPath);

        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.Contains("$.sessions[0].departure: ", run.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(planPath));
    }

    [Fact]
    public void Plan_MalformedJson_ExitsWithBadInputNamingTheLine()
    {
        var scenario = _folder.File("scenario.json");
        File.WriteAllText(scenario, "{\n  \"version\": 1,\n  \"site\": {\n}");
        var planPath = _folder.File("plan.json");

        var run = CliRun.Of("plan", scenario, "--out", planPath);

        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.Contains("$: not valid JSON at line", run.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(planPath));
    }

    [Fact]
    public void Plan_MissingFile_ExitsWithBadInputNamingTheFile()
    {
        var missing = _folder.File("missing.json");

        var run = CliRun.Of("plan", missing);

        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.Contains($"scenario file '{missing}' not found", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_FolderInsteadOfFile_ExitsWithBadInput()
    {
        var run = CliRun.Of("plan", _folder.Path);

        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.Contains("is a folder", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_OutputFolderMissing_ExitsWithBadInputAndWritesNothing()
    {
        var scenario = WriteScenario(ScenarioSamples.Minimal());
        var planPath = Path.Combine(_folder.Path, "no-such-folder", "plan.json");

        var run = CliRun.Of("plan", scenario, "--out", planPath);

        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.Contains("does not exist", run.Error, StringComparison.Ordinal);
        Assert.Equal(["scenario.json"], _folder.FileNames());
    }

    [Fact]
    public void Plan_NoScenarioArgument_ExitsWithBadInput()
    {
        var run = CliRun.Of("plan");

        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.Contains("scheduler plan --help", run.Error, StringComparison.Ordinal);
    }

    private string WriteScenario(JsonNode json)
    {
        var path = _folder.File("scenario.json");
        File.WriteAllText(path, json.ToJsonString());
        return path;
    }
}
