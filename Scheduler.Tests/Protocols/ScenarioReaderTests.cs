using System.Text;
using System.Text.Json.Nodes;
using CsCheck;
using NodaTime;
using Scheduler.Optimizer.Model;
using Scheduler.Protocols.Scenarios;

namespace Scheduler.Tests.Protocols;

public sealed class ScenarioReaderTests
{
    private static readonly DateTimeZone Amsterdam = DateTimeZoneProviders.Tzdb["Europe/Amsterdam"];

    [Fact]
    public void Read_MinimalScenario_AppliesDocumentedDefaults()
    {
        var result = ScenarioReader.Read(ScenarioSamples.Minimal().ToJsonString());

        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        Assert.Empty(result.Errors);
        var problem = result.Problem;
        Assert.Equal("depot-1", problem.Site.Id);
        Assert.Same(Amsterdam, problem.Site.TimeZone);
        Assert.Equal(230, problem.Site.VoltageV);
        Assert.Equal(150, problem.Site.GridLimitKw);
        Assert.Empty(problem.Site.Circuits);
        Assert.Empty(problem.Site.BaseLoad);
        var charger = problem.Site.Chargers[0];
        Assert.Null(charger.CircuitId);
        Assert.Equal(6, charger.MinCurrentA);
        Assert.Equal(3, charger.Phases);
        Assert.Equal(PhaseRotation.RST, charger.PhaseRotation);
        Assert.Equal(24, charger.MaxSchedulePeriods);
        Assert.Empty(problem.Tariff.DemandCharges);
        Assert.Empty(problem.GridSignals);
        var session = problem.Sessions[0];
        Assert.Null(session.VehicleId);
        Assert.Null(session.TransactionId);
        Assert.Equal(3, session.Phases);
        Assert.Equal(32, session.MaxCurrentA);
        Assert.Null(session.MinCurrentA);
        Assert.Equal(Duration.FromMinutes(15), problem.Window.SlotLength);
    }

    [Fact]
    public void Read_SessionWithoutMaxCurrent_TakesItsChargersMaximum()
    {
        var json = ScenarioSamples.Minimal();
        json.At("sessions[0]")["chargerId"] = "cp-02";

        var result = ScenarioReader.Read(json.ToJsonString());

        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        Assert.Equal(16, result.Problem.Sessions[0].MaxCurrentA);
    }

    [Fact]
    public void Read_FullScenario_ReadsEveryFieldExactly()
    {
        var result = ScenarioReader.Read(ScenarioSamples.Full().ToJsonString());

        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        var problem = result.Problem;
        var site = problem.Site;
        Assert.Equal("depot-2", site.Id);
        Assert.Equal("Europe/Berlin", site.TimeZone.Id);
        Assert.Equal(240, site.VoltageV);
        Assert.Equal(95.5, site.GridLimitKw);
        Assert.Equal([new Circuit("main", null, 160), new Circuit("feeder-a", "main", 63)], site.Circuits);
        Assert.Equal(
            [
                new Charger("cp-01", "feeder-a", 32, 8, 1, PhaseRotation.TSR, 10),
                new Charger("cp-02", null, 16, 0, 3, PhaseRotation.SRT, 1024),
            ],
            site.Chargers);
        Assert.Equal(
            [
                new BaseLoadInterval(Utc(6, 0), Utc(7, 0), 12.5),
                new BaseLoadInterval(Utc(7, 0), Utc(8, 0), -3),
            ],
            site.BaseLoad);
        Assert.Equal("SEK", problem.Tariff.Currency);
        Assert.Equal(2, problem.Tariff.DemandCharges.Count);
        var onPeak = problem.Tariff.DemandCharges[0];
        Assert.Equal(("on-peak-2026-01", 12.5, 20.5), (onPeak.Id, onPeak.PerKw, onPeak.PeakSoFarKw));
        Assert.Equal([new Interval(Utc(6, 30), Utc(7, 30))], onPeak.Intervals);
        var allHours = problem.Tariff.DemandCharges[1];
        Assert.Equal((DemandCharge.AllHoursId, 55.25, 0.0), (allHours.Id, allHours.PerKw, allHours.PeakSoFarKw));
        Assert.Empty(allHours.Intervals);
        Assert.Equal(
            [new PriceInterval(Utc(6, 0), Utc(7, 0), 1.5), new PriceInterval(Utc(7, 0), Utc(8, 0), -0.25)],
            problem.Tariff.Prices);
        Assert.Equal([new GridSignal("dr-7", Utc(6, 30), Utc(7, 0), 60)], problem.GridSignals);
        Assert.Equal(
            new Session("s-1", "cp-01", Utc(6, 5) + Duration.FromSeconds(30), Utc(7, 45), 7.25, 20, 1, "v-1", "tx-8812", 10),
            problem.Sessions[0]);
        Assert.Equal(
            new Session("s-2", "cp-02", Utc(6, 0), Utc(8, 0), 0, 16, 3, "v-2", "8812", null),
            problem.Sessions[1]);
        Assert.Equal(new PlanningWindow(Utc(6, 0), Utc(8, 0), Duration.FromMinutes(30)), problem.Window);
    }

    [Fact]
    public void Read_InstantsAcrossSpringDstChange_KeepTheirOffsets()
    {
        var json = ScenarioSamples.Minimal();
        json.At("sessions[0]")["arrival"] = "2026-03-29T01:45:00+01:00";
        json.At("sessions[0]")["departure"] = "2026-03-29T03:00:00+02:00";

        var result = ScenarioReader.Read(json.ToJsonString());

        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        Assert.Equal(Duration.FromMinutes(15), result.Problem.Sessions[0].Departure - result.Problem.Sessions[0].Arrival);
        Assert.Equal(Instant.FromUtc(2026, 3, 29, 0, 45), result.Problem.Sessions[0].Arrival);
    }

    [Fact]
    public void Read_IntegerTransactionIdWrittenAsWholeDecimal_KeepsDigits()
    {
        var json = ScenarioSamples.Minimal();
        json.At("sessions[0]")["transactionId"] = JsonNode.Parse("-17.0");

        var result = ScenarioReader.Read(json.ToJsonString());

        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        Assert.Equal("-17", result.Problem.Sessions[0].TransactionId);
    }

    [Fact]
    public void Read_Utf8StreamWithByteOrderMark_ReadsTheSameProblem()
    {
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(ScenarioSamples.Full().ToJsonString())).ToArray();
        using var stream = new MemoryStream(bytes);

        var result = ScenarioReader.Read(stream);

        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        Assert.Equal(2, result.Problem.Sessions.Count);
    }

    [Fact]
    public void Read_StreamWithInvalidUtf8_ReportsTheFile()
    {
        var bytes = Encoding.UTF8.GetBytes("{\"version\": \"x").Concat(new byte[] { 0xFF, 0xFE }).Concat(Encoding.UTF8.GetBytes("\"}")).ToArray();
        using var stream = new MemoryStream(bytes);

        var result = ScenarioReader.Read(stream);

        var error = Assert.Single(result.Errors);
        Assert.Equal("$", error.Path);
        Assert.Contains("byte offset 14", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_TextWithUnpairedSurrogate_ReportsTheRoot()
    {
        var result = ScenarioReader.Read("{\"version\": \"\uD800\"}");

        var error = Assert.Single(result.Errors);
        Assert.Equal("$", error.Path);
        Assert.Contains("character 14", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_MalformedJson_ReportsLineAndByteAtRoot()
    {
        const string Json = "{\n  \"version\": 1,\n  \"site\": ,\n}";

        var result = ScenarioReader.Read(Json);

        Assert.False(result.IsValid);
        Assert.Null(result.Problem);
        var error = Assert.Single(result.Errors);
        Assert.Equal("$", error.Path);
        Assert.Contains("line 3, byte 11", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_EmptyText_ReportsMalformedJson()
    {
        var result = ScenarioReader.Read(string.Empty);

        Assert.Equal("$", Assert.Single(result.Errors).Path);
    }

    [Fact]
    public void Read_NotAnObject_ReportsTypeAtRoot()
    {
        var result = ScenarioReader.Read("[1, 2]");

        var error = Assert.Single(result.Errors);
        Assert.Equal("$", error.Path);
        Assert.Contains("found an array, expected an object", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_WrongType_ReportsThePropertyWithFoundAndExpected()
    {
        var json = ScenarioSamples.Minimal();
        json.At("site")["gridLimitKw"] = "150";

        var result = ScenarioReader.Read(json.ToJsonString());

        var error = Assert.Single(result.Errors);
        Assert.Equal("$.site.gridLimitKw", error.Path);
        Assert.Contains("found \"150\", expected a number", error.Message, StringComparison.Ordinal);
        Assert.Contains("[type:", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_MissingRequiredField_ReportsTheMissingProperty()
    {
        var json = ScenarioSamples.Minimal();
        json.At("sessions[0]").AsObject().Remove("energyKwh");

        var result = ScenarioReader.Read(json.ToJsonString());

        var error = Assert.Single(result.Errors);
        Assert.Equal("$.sessions[0].energyKwh", error.Path);
        Assert.Contains("required property \"energyKwh\" is missing", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_MissingSection_ReportsItAtTheRoot()
    {
        var json = ScenarioSamples.Minimal();
        json.Remove("planning");

        var result = ScenarioReader.Read(json.ToJsonString());

        Assert.Equal("$.planning", Assert.Single(result.Errors).Path);
    }

    [Fact]
    public void Read_NegativeCurrent_ReportsTheCurrent()
    {
        var json = ScenarioSamples.Minimal();
        json.At("site.chargers[1]")["maxCurrentA"] = -16;

        var result = ScenarioReader.Read(json.ToJsonString());

        var error = Assert.Single(result.Errors);
        Assert.Equal("$.site.chargers[1].maxCurrentA", error.Path);
        Assert.Contains("found -16, expected a number above 0", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("site", "voltageV", "50")]
    [InlineData("site", "voltageV", "1001")]
    [InlineData("site", "gridLimitKw", "0")]
    [InlineData("site", "gridLimitKw", "1e400")]
    [InlineData("site.chargers[0]", "minCurrentA", "-1")]
    [InlineData("site.chargers[0]", "maxSchedulePeriods", "0")]
    [InlineData("site.chargers[0]", "maxSchedulePeriods", "1025")]
    [InlineData("site.chargers[0]", "maxSchedulePeriods", "2.5")]
    [InlineData("site.chargers[0]", "phaseRotation", "\"XYZ\"")]
    [InlineData("sessions[0]", "energyKwh", "-1")]
    [InlineData("sessions[0]", "energyKwh", "20000")]
    [InlineData("sessions[0]", "maxCurrentA", "10001")]
    [InlineData("sessions[0]", "transactionId", "\"0123456789012345678901234567890123456\"")]
    [InlineData("sessions[0]", "transactionId", "12.5")]
    [InlineData("sessions[0]", "id", "\"\"")]
    [InlineData("tariff", "currency", "\"euro\"")]
    [InlineData("tariff", "demandChargePerKw", "-2")]
    [InlineData("planning", "slotMinutes", "7")]
    [InlineData("planning", "drawnSoFarKwh", "-0.5")]
    [InlineData("sessions[0]", "topUpKwh", "-1")]
    [InlineData("planning", "end", "\"2026-03-29 06:00\"")]
    [InlineData("planning", "end", "\"2026-03-29T06:00:00\"")]
    public void Read_OutOfRangeValue_ReportsTheProperty(string owner, string property, string value)
    {
        var json = ScenarioSamples.Minimal();
        json.At(owner)[property] = JsonNode.Parse(value);

        var result = ScenarioReader.Read(json.ToJsonString());

        Assert.Equal($"$.{owner}.{property}", Assert.Single(result.Errors).Path);
    }

    [Fact]
    public void Read_DrawnSoFar_IsTheProblemsAndWrittenBack()
    {
        var json = ScenarioSamples.Minimal();
        json.At("planning")["drawnSoFarKwh"] = 1.25;

        var problem = ScenarioReader.Read(json.ToJsonString()).Problem!;

        Assert.Equal(1.25, problem.DrawnSoFarKwh);
        Assert.Equal(1.25, ScenarioReader.Read(ScenarioWriter.Write(problem)).Problem!.DrawnSoFarKwh);
        Assert.Equal(0, ScenarioReader.Read(ScenarioSamples.Minimal().ToJsonString()).Problem!.DrawnSoFarKwh);
    }

    [Fact]
    public void Read_TopUp_IsTheSessionsAndWrittenBack()
    {
        var json = ScenarioSamples.Minimal();
        json.At("sessions[0]")["topUpKwh"] = 12.5;

        var problem = ScenarioReader.Read(json.ToJsonString()).Problem!;

        Assert.Equal(12.5, problem.Sessions[0].TopUpKwh);
        Assert.Equal(12.5, ScenarioReader.Read(ScenarioWriter.Write(problem)).Problem!.Sessions[0].TopUpKwh);
    }

    [Fact]
    public void Read_WrongVersion_ReportsTheVersion()
    {
        var json = ScenarioSamples.Minimal();
        json["version"] = 2;

        var result = ScenarioReader.Read(json.ToJsonString());

        var error = Assert.Single(result.Errors);
        Assert.Equal("$.version", error.Path);
        Assert.Contains("found 2, expected 1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_TwoPhases_ReportsThePhasesWithTheAllowedValues()
    {
        var json = ScenarioSamples.Minimal();
        json.At("sessions[0]")["phases"] = 2;

        var result = ScenarioReader.Read(json.ToJsonString());

        var error = Assert.Single(result.Errors);
        Assert.Equal("$.sessions[0].phases", error.Path);
        Assert.Contains("found 2, expected one of 1, 3", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_UnknownTimeZone_ReportsTheZoneByName()
    {
        var json = ScenarioSamples.Minimal();
        json.At("site")["timeZone"] = "Europe/Atlantis";

        var result = ScenarioReader.Read(json.ToJsonString());

        var error = Assert.Single(result.Errors);
        Assert.Equal("$.site.timeZone", error.Path);
        Assert.Contains("Europe/Atlantis", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_DepartureBeforeArrival_ReportsTheDeparture()
    {
        var json = ScenarioSamples.Minimal();
        json.At("sessions[0]")["departure"] = "2026-03-29T00:15:00+01:00";

        var result = ScenarioReader.Read(json.ToJsonString());

        var error = Assert.Single(result.Errors);
        Assert.Equal("$.sessions[0].departure", error.Path);
        Assert.Contains("must be after the arrival", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_InstantThatDoesNotExist_ReportsTheInstant()
    {
        var json = ScenarioSamples.Minimal();
        json.At("sessions[0]")["arrival"] = "2026-02-30T00:15:00+01:00";

        var result = ScenarioReader.Read(json.ToJsonString());

        var error = Assert.Single(result.Errors);
        Assert.Equal("$.sessions[0].arrival", error.Path);
        Assert.Contains("day 30 is out of range", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_ChargerMinimumAboveMaximum_ReportsTheMinimum()
    {
        var json = ScenarioSamples.Minimal();
        json.At("site.chargers[1]")["minCurrentA"] = 20;

        var result = ScenarioReader.Read(json.ToJsonString());

        var error = Assert.Single(result.Errors);
        Assert.Equal("$.site.chargers[1].minCurrentA", error.Path);
        Assert.Contains("found 20, which must not exceed maxCurrentA", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_ChargerMaximumBelowDefaultMinimum_ReportsTheDefaultedMinimum()
    {
        var json = ScenarioSamples.Minimal();
        json.At("site.chargers[1]")["maxCurrentA"] = 4;

        var result = ScenarioReader.Read(json.ToJsonString());

        var error = Assert.Single(result.Errors);
        Assert.Equal("$.site.chargers[1].minCurrentA", error.Path);
        Assert.Contains("not given, and its default 6 must not exceed maxCurrentA", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_UnknownCharger_ReportsTheSessionsChargerId()
    {
        var json = ScenarioSamples.Minimal();
        json.At("sessions[0]")["chargerId"] = "cp-99";

        var result = ScenarioReader.Read(json.ToJsonString());

        var error = Assert.Single(result.Errors);
        Assert.Equal("$.sessions[0].chargerId", error.Path);
        Assert.Contains("cp-99", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_UnknownCircuitOfCharger_ReportsTheChargersCircuitId()
    {
        var json = ScenarioSamples.Full();
        json.At("site.chargers[1]")["circuitId"] = "feeder-z";

        var result = ScenarioReader.Read(json.ToJsonString());

        var error = Assert.Single(result.Errors);
        Assert.Equal("$.site.chargers[1].circuitId", error.Path);
        Assert.Contains("feeder-z", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_UnknownParentCircuit_ReportsTheParentId()
    {
        var json = ScenarioSamples.Full();
        json.At("site.circuits[0]")["parentId"] = "substation";

        var result = ScenarioReader.Read(json.ToJsonString());

        Assert.Equal("$.site.circuits[0].parentId", Assert.Single(result.Errors).Path);
    }

    [Fact]
    public void Read_CircuitCycle_ReportsTheParentIdsOfTheCycle()
    {
        var json = ScenarioSamples.Full();
        json.At("site.circuits[0]")["parentId"] = "feeder-a";

        var result = ScenarioReader.Read(json.ToJsonString());

        Assert.Equal(
            ["$.site.circuits[0].parentId", "$.site.circuits[1].parentId"],
            result.Errors.Select(e => e.Path));
        Assert.Contains("cycle", result.Errors[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_TwoSessionsOnOneChargerAtOnce_ReportsTheLaterArrival()
    {
        var json = ScenarioSamples.Minimal();
        json["sessions"]!.AsArray().Add(JsonNode.Parse("""
            { "id": "s-2", "chargerId": "cp-01", "arrival": "2026-03-29T04:00:00+02:00", "departure": "2026-03-29T06:00:00+02:00", "energyKwh": 5 }
            """));

        var result = ScenarioReader.Read(json.ToJsonString());

        var error = Assert.Single(result.Errors);
        Assert.Equal("$.sessions[1].arrival", error.Path);
        Assert.Contains("s-1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_PriceGapInsideWindow_ReportsThePrices()
    {
        var json = ScenarioSamples.Minimal();
        json.At("tariff")["prices"] = JsonNode.Parse("""
            [
              { "start": "2026-03-29T00:00:00+01:00", "end": "2026-03-29T01:00:00+01:00", "perKwh": 0.2 },
              { "start": "2026-03-29T03:15:00+02:00", "end": "2026-03-29T06:00:00+02:00", "perKwh": 0.3 }
            ]
            """);

        var result = ScenarioReader.Read(json.ToJsonString());

        var error = Assert.Single(result.Errors);
        Assert.Equal("$.tariff.prices", error.Path);
        Assert.Contains("no price", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_PlanningStartOffTheGrid_ReportsTheStart()
    {
        var json = ScenarioSamples.Minimal();
        json.At("planning")["start"] = "2026-03-29T00:05:00+01:00";

        var result = ScenarioReader.Read(json.ToJsonString());

        var error = Assert.Single(result.Errors);
        Assert.Equal("$.planning.start", error.Path);
        Assert.Contains("15-minute grid", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_PlanningEndNotWholeSlots_ReportsTheEnd()
    {
        var json = ScenarioSamples.Minimal();
        json.At("planning")["slotMinutes"] = 60;
        json.At("planning")["end"] = "2026-03-29T05:30:00+02:00";

        var result = ScenarioReader.Read(json.ToJsonString());

        Assert.Equal("$.planning.end", Assert.Single(result.Errors).Path);
    }

    [Fact]
    public void Read_UnknownProperty_ReportsThePropertyAndTheKnownOnes()
    {
        var json = ScenarioSamples.Minimal();
        json.At("site.chargers[0]")["colour"] = "green";

        var result = ScenarioReader.Read(json.ToJsonString());

        var error = Assert.Single(result.Errors);
        Assert.Equal("$.site.chargers[0].colour", error.Path);
        Assert.Contains("unknown property \"colour\"", error.Message, StringComparison.Ordinal);
        Assert.Contains("phaseRotation", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_UnknownPropertyWithOddName_BracketsTheName()
    {
        var json = ScenarioSamples.Minimal();
        json.At("site")["grid limit"] = 1;

        var result = ScenarioReader.Read(json.ToJsonString());

        Assert.Equal("$.site['grid limit']", Assert.Single(result.Errors).Path);
    }

    [Theory]
    [InlineData("site.chargers", "$.site.chargers[1].id")]
    [InlineData("sessions", "$.sessions[1].id")]
    public void Read_DuplicateId_ReportsTheSecondId(string list, string expectedPath)
    {
        var json = ScenarioSamples.Full();
        json.At(list)[1]!["id"] = json.At(list)[0]!["id"]!.GetValue<string>();

        var result = ScenarioReader.Read(json.ToJsonString());

        Assert.Contains(expectedPath, result.Errors.Select(e => e.Path));
        Assert.Contains("duplicate", result.Errors.Single(e => e.Path == expectedPath).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_DuplicateGridSignalId_ReportsTheSecondId()
    {
        var json = ScenarioSamples.Full();
        json["gridSignals"]!.AsArray().Add(JsonNode.Parse("""{ "id": "dr-7", "start": "2026-01-10T08:15:00+01:00", "end": "2026-01-10T08:30:00+01:00", "maxImportKw": 40 }"""));

        var result = ScenarioReader.Read(json.ToJsonString());

        var error = Assert.Single(result.Errors);
        Assert.Equal("$.gridSignals[1].id", error.Path);
        Assert.Equal("found \"dr-7\", the id of item 0 too; expected each id once", error.Message);
    }

    [Theory]
    [InlineData("\\u0000")]
    [InlineData("\\u0007")]
    [InlineData("\\u001b[31m")]
    public void Read_ControlCharacterInAnId_IsRefusedEscapedInTheMessage(string escaped)
    {
        var text = ScenarioSamples.Minimal().ToJsonString().Replace("\"s-1\"", "\"s-1" + escaped + "\"", StringComparison.Ordinal);

        var result = ScenarioReader.Read(text);

        var error = Assert.Single(result.Errors);
        Assert.Equal("$.sessions[0].id", error.Path);
        Assert.Contains("control character U+00", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(error.Message, c => char.IsControl(c));
    }

    [Fact]
    public void Read_EscapedLoneSurrogateInAnId_IsRefusedAtItsPath()
    {
        var text = ScenarioSamples.Minimal().ToJsonString().Replace("\"s-1\"", "\"s\\ud800\"", StringComparison.Ordinal);

        var result = ScenarioReader.Read(text);

        var error = Assert.Single(result.Errors);
        Assert.Equal("$.sessions[0].id", error.Path);
        Assert.Contains("unpaired surrogate", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("XYZ", "expected an ISO 4217 currency code")]
    [InlineData("EUX", "expected an ISO 4217 currency code")]
    public void Read_CurrencyThatIsNoIsoCode_ReportsTheCurrency(string currency, string expected)
    {
        var json = ScenarioSamples.Minimal();
        json.At("tariff")["currency"] = currency;

        var error = Assert.Single(ScenarioReader.Read(json.ToJsonString()).Errors);

        Assert.Equal("$.tariff.currency", error.Path);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_HourSlotsInAHalfHourZone_SaysTheGridIsUtcAndWhichStartsWork()
    {
        var json = ScenarioSamples.Minimal();
        json.At("site")["timeZone"] = "Asia/Kolkata";
        json.At("tariff.prices[0]")["start"] = "2026-03-29T00:00:00+05:30";
        json.At("tariff.prices[0]")["end"] = "2026-03-29T06:00:00+05:30";
        json.At("sessions[0]")["arrival"] = "2026-03-29T00:30:00+05:30";
        json.At("sessions[0]")["departure"] = "2026-03-29T05:00:00+05:30";
        json["planning"] = JsonNode.Parse("""{ "start": "2026-03-29T00:00:00+05:30", "end": "2026-03-29T06:00:00+05:30", "slotMinutes": 60 }""");

        var error = Assert.Single(ScenarioReader.Read(json.ToJsonString()).Errors);

        Assert.Equal("$.planning.start", error.Path);
        Assert.Contains("slots start every 60 minutes from midnight UTC", error.Message, StringComparison.Ordinal);
        Assert.Contains("in Asia/Kolkata (UTC+05:30) local 60-minute slots do not start on the local hour", error.Message, StringComparison.Ordinal);
        Assert.Contains("such as 2026-03-28T23:30:00+05:30 or 2026-03-29T00:30:00+05:30", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_LongListWithBadItems_ReportsEachAtItsOwnIndex()
    {
        // Long lists are checked item by item before the detailed evaluation, which then sees only the failing ones.
        var json = ScenarioSamples.Minimal();
        var signals = new JsonArray();
        for (var i = 0; i < 500; i++)
        {
            signals.Add(JsonNode.Parse($$"""{ "id": "dr-{{i}}", "start": "2026-03-29T00:00:00+01:00", "end": "2026-03-29T01:00:00+01:00", "maxImportKw": {{(i is 321 or 402 ? "\"x\"" : "50")}} }"""));
        }

        json["gridSignals"] = signals;

        var result = ScenarioReader.Read(json.ToJsonString());

        Assert.Equal(["$.gridSignals[321].maxImportKw", "$.gridSignals[402].maxImportKw"], result.Errors.Select(e => e.Path));
        Assert.StartsWith("found \"x\", expected a number", result.Errors[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_DuplicateCircuitId_ReportsTheSecondId()
    {
        var json = ScenarioSamples.Full();
        json.At("site.circuits[1]")["id"] = "main";
        json.At("site.circuits[1]")["parentId"] = null;
        json.At("site.chargers[0]")["circuitId"] = "main";

        var result = ScenarioReader.Read(json.ToJsonString());

        var error = Assert.Single(result.Errors);
        Assert.Equal("$.site.circuits[1].id", error.Path);
        Assert.Contains("duplicate circuit id 'main'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_SeveralProblems_ReportsThemInFileOrder()
    {
        var json = ScenarioSamples.Full();
        json.At("sessions[1]")["phases"] = 2;
        json.At("site.chargers[0]")["maxCurrentA"] = -1;
        json.At("site")["voltageV"] = 5;
        json.At("sessions[0]").AsObject().Remove("arrival");

        var result = ScenarioReader.Read(json.ToJsonString());

        Assert.Equal(
            ["$.site.voltageV", "$.site.chargers[0].maxCurrentA", "$.sessions[0].arrival", "$.sessions[1].phases"],
            result.Errors.Select(e => e.Path));
    }

    [Fact]
    public void Read_ManyProblems_ReportsAtMostTheLimit()
    {
        var json = ScenarioSamples.Minimal();
        var sessions = json["sessions"]!.AsArray();
        for (var i = 0; i < 30; i++)
        {
            sessions.Add(JsonNode.Parse($$"""{ "id": "x-{{i}}", "chargerId": "cp-02", "energyKwh": -1 }"""));
        }

        var result = ScenarioReader.Read(json.ToJsonString());

        Assert.Equal(ScenarioReader.MaxErrors, result.Errors.Count);
        Assert.Equal("$.sessions[1].arrival", result.Errors[0].Path);
    }

    [Fact]
    public void Read_DuplicateProperty_ReportsTheSecondOccurrence()
    {
        var json = ScenarioSamples.Minimal().ToJsonString().Replace("\"energyKwh\":30", "\"energyKwh\":30,\"energyKwh\":40", StringComparison.Ordinal);

        var result = ScenarioReader.Read(json);

        var error = Assert.Single(result.Errors);
        Assert.Equal("$.sessions[0].energyKwh", error.Path);
        Assert.Contains("more than once", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_AnyTruncatedFile_ReportsErrorsWithoutThrowing()
    {
        var json = ScenarioSamples.Full().ToJsonString();

        Gen.Int[0, json.Length - 1].Sample(length => Assert.NotEmpty(ScenarioReader.Read(json[..length]).Errors), iter: 500);
    }

    [Fact]
    public void Read_AnyCharacterReplaced_ReportsErrorsWithoutThrowing()
    {
        var json = ScenarioSamples.Full().ToJsonString();
        char[] replacements = ['"', '{', '}', '[', ']', ',', ':', '0', '9', '-', 'e', '.', '\\', ' ', 'x', '\u0000', '\uD800', 'é'];

        Gen.Select(Gen.Int[0, json.Length - 1], Gen.Int[0, replacements.Length - 1]).Sample(
            (position, replacement) =>
            {
                var changed = json[..position] + replacements[replacement] + json[(position + 1)..];

                var result = ScenarioReader.Read(changed);

                Assert.Equal(result.IsValid, result.Errors.Count == 0);
            },
            iter: 2000);
    }

    [Fact]
    public void Read_AnyValuesReplaced_ReportsErrorsWithPathsOrReadsWithoutThrowing()
    {
        string[] replacements =
        [
            "-1", "0", "1", "2", "2.5", "3.0", "1e400", "-1e400", "2147483648", "-9e30", "\"\"", "\"  \"", "\"x\"", "null",
            "true", "[]", "{}", "[{}]", "{\"x\":1}", "\"cp-01\"", "\"main\"", "\"2026-02-30T00:00:00Z\"",
            "\"9999-12-31T23:59:59-14:00\"", "\"-0001-01-01T00:00:00+14:00\"", "\"0001-01-01T00:00:00+14:00\"",
            "\"2026-01-10T07:00:00.000000001+01:00\"", "\"2026-01-10T07:00:00+99:99\"",
        ];
        var count = Slots(ScenarioSamples.Full()).Count;
        var gen = Gen.Select(Gen.Int[0, count - 1], Gen.Int[0, replacements.Length - 1], Gen.Int[0, count - 1], Gen.Int[0, replacements.Length - 1]);

        gen.Sample(
            (first, firstValue, second, secondValue) =>
            {
                var json = ScenarioSamples.Full();
                var slots = Slots(json);
                slots[first](JsonNode.Parse(replacements[firstValue]));
                slots[second](JsonNode.Parse(replacements[secondValue]));

                var result = ScenarioReader.Read(json.ToJsonString());

                Assert.Equal(result.IsValid, result.Errors.Count == 0);
                Assert.All(result.Errors, e => Assert.StartsWith("$", e.Path, StringComparison.Ordinal));
            },
            iter: 2000);
    }

    [Fact]
    public void ScenarioError_ToString_JoinsPathAndMessage()
    {
        var error = new ScenarioError("$.site.id", "found nothing");

        Assert.Equal("$.site.id: found nothing", error.ToString());
    }

    private static Instant Utc(int hour, int minute) => Instant.FromUtc(2026, 1, 10, hour, minute);

    /// <summary>Setters for every value in the document (properties and array items, nested ones included), in document order.</summary>
    private static List<Action<JsonNode?>> Slots(JsonNode root)
    {
        var slots = new List<Action<JsonNode?>>();
        Collect(root, slots);
        return slots;

        static void Collect(JsonNode? node, List<Action<JsonNode?>> slots)
        {
            switch (node)
            {
                case JsonObject o:
                    foreach (var (name, child) in o.ToList())
                    {
                        slots.Add(value => o[name] = value);
                        Collect(child, slots);
                    }

                    break;
                case JsonArray a:
                    for (var i = 0; i < a.Count; i++)
                    {
                        var index = i;
                        slots.Add(value => a[index] = value);
                        Collect(a[i], slots);
                    }

                    break;
            }
        }
    }
}
