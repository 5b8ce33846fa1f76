using System.Text.Json.Nodes;
using NodaTime;
using Scheduler.Optimizer.Model;
using Scheduler.Protocols.Scenarios;

namespace Scheduler.Tests.Protocols.Scenarios;

/// <summary>The scenario file's <c>tariff.demandCharges</c> and its <c>demandChargePerKw</c> shorthand.</summary>
public sealed class ScenarioReaderDemandChargeTests
{
    // The minimal sample's window: 2026-03-29 in Amsterdam, 00:00 CET to 06:00 CEST, across the spring change at 02:00.
    private static readonly Instant Midnight = Instant.FromUtc(2026, 3, 28, 23, 0);

    [Fact]
    public void Read_FacilityAndOnPeakCharges_ReadsEveryFieldOfEach()
    {
        var json = WithCharges("""
            [
              { "id": "facility-2026-03", "perKw": 25.36, "peakSoFarKw": 41.2 },
              { "id": "on-peak-2026-03", "perKw": 29.54, "intervals": [
                  { "start": "2026-03-29T01:00:00+01:00", "end": "2026-03-29T03:00:00+02:00" },
                  { "start": "2026-03-29T04:30:00+02:00", "end": "2026-03-29T05:00:00+02:00" } ] }
            ]
            """);

        var result = ScenarioReader.Read(json.ToJsonString());

        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        var charges = result.Problem.Tariff.DemandCharges;
        Assert.Equal(["facility-2026-03", "on-peak-2026-03"], charges.Select(c => c.Id));
        Assert.Equal((25.36, 41.2), (charges[0].PerKw, charges[0].PeakSoFarKw));
        Assert.Empty(charges[0].Intervals);
        Assert.Equal((29.54, 0.0), (charges[1].PerKw, charges[1].PeakSoFarKw));
        Assert.Equal(
            [new Interval(Midnight + Duration.FromHours(1), Midnight + Duration.FromHours(2)), new Interval(Midnight + Duration.FromMinutes(210), Midnight + Duration.FromHours(4))],
            charges[1].Intervals);
    }

    [Fact]
    public void Read_OnPeakIntervalAcrossTheSpringChange_CoversTheSlotsOfItsRealHour()
    {
        // 01:00 CET to 03:00 CEST is one real hour: the four slots from 00:00 UTC.
        var json = WithCharges("""[ { "id": "on-peak", "perKw": 10, "intervals": [ { "start": "2026-03-29T01:00:00+01:00", "end": "2026-03-29T03:00:00+02:00" } ] } ]""");

        var problem = Valid(json);

        var window = problem.Window;
        var covered = Enumerable.Range(0, window.SlotCount).Where(k => problem.Tariff.DemandCharges[0].Covers(window.SlotStart(k), window.SlotEnd(k))).ToList();
        Assert.Equal([4, 5, 6, 7], covered);
    }

    [Fact]
    public void Read_ShorthandAlone_IsOneAllHoursChargeWithNothingRecorded()
    {
        var json = ScenarioSamples.Minimal();
        json.At("tariff")["demandChargePerKw"] = 15.51;

        var charge = Assert.Single(Valid(json).Tariff.DemandCharges);

        Assert.Equal((DemandCharge.AllHoursId, 15.51, 0.0), (charge.Id, charge.PerKw, charge.PeakSoFarKw));
        Assert.Empty(charge.Intervals);
    }

    [Fact]
    public void Read_ShorthandOfZeroWithCharges_AddsNothing()
    {
        var json = WithCharges("""[ { "id": "facility", "perKw": 25.36 } ]""");
        json.At("tariff")["demandChargePerKw"] = 0;

        var problem = Valid(json);

        Assert.Equal(["facility"], problem.Tariff.DemandCharges.Select(c => c.Id));
    }

    [Fact]
    public void Read_ShorthandWithCharges_AddsTheAllHoursChargeAfterThem()
    {
        var json = WithCharges("""[ { "id": "on-peak", "perKw": 29.54, "intervals": [ { "start": "2026-03-29T04:00:00+02:00", "end": "2026-03-29T05:00:00+02:00" } ] } ]""");
        json.At("tariff")["demandChargePerKw"] = 25.36;

        var problem = Valid(json);

        Assert.Equal(["on-peak", DemandCharge.AllHoursId], problem.Tariff.DemandCharges.Select(c => c.Id));
        Assert.Equal(25.36, problem.Tariff.DemandCharges[1].PerKw);
    }

    [Fact]
    public void Read_ShorthandWithAChargeTakingItsId_ReportsThatChargesId()
    {
        var json = WithCharges("""[ { "id": "facility", "perKw": 1 }, { "id": "demand", "perKw": 29.54 } ]""");
        json.At("tariff")["demandChargePerKw"] = 25.36;

        var error = Assert.Single(ScenarioReader.Read(json.ToJsonString()).Errors);

        Assert.Equal("$.tariff.demandCharges[1].id", error.Path);
        Assert.Contains("demandChargePerKw stands for", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_ChargeNamedDemandWithoutTheShorthand_IsAnOrdinaryCharge()
    {
        var json = WithCharges("""[ { "id": "demand", "perKw": 29.54 } ]""");

        var result = ScenarioReader.Read(json.ToJsonString());

        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        Assert.Equal(29.54, Assert.Single(result.Problem.Tariff.DemandCharges).PerKw);
    }

    [Fact]
    public void Read_DuplicateIds_ReportsTheSecond()
    {
        var json = WithCharges("""[ { "id": "facility", "perKw": 25.36 }, { "id": "facility", "perKw": 8.83 } ]""");

        var error = Assert.Single(ScenarioReader.Read(json.ToJsonString()).Errors);

        Assert.Equal("$.tariff.demandCharges[1].id", error.Path);
        Assert.Contains("duplicate demand charge id 'facility'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_IntervalEndingAtItsStart_ReportsTheEnd()
    {
        var json = WithCharges("""
            [ { "id": "on-peak", "perKw": 29.54, "intervals": [
                { "start": "2026-03-29T00:00:00+01:00", "end": "2026-03-29T00:30:00+01:00" },
                { "start": "2026-03-29T04:00:00+02:00", "end": "2026-03-29T03:00:00+01:00" } ] } ]
            """);

        var error = Assert.Single(ScenarioReader.Read(json.ToJsonString()).Errors);

        Assert.Equal("$.tariff.demandCharges[0].intervals[1].end", error.Path);
        Assert.Contains("must be after the start", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_OverlappingIntervalsOfOneCharge_ReportsTheLaterOne()
    {
        var json = WithCharges("""
            [ { "id": "on-peak", "perKw": 29.54, "intervals": [
                { "start": "2026-03-29T04:00:00+02:00", "end": "2026-03-29T05:00:00+02:00" },
                { "start": "2026-03-29T03:00:00+02:00", "end": "2026-03-29T04:15:00+02:00" } ] } ]
            """);

        var error = Assert.Single(ScenarioReader.Read(json.ToJsonString()).Errors);

        Assert.Equal("$.tariff.demandCharges[0].intervals[0]", error.Path);
        Assert.Contains("overlaps intervals[1]", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_OverlappingIntervalsOfTwoCharges_AreFine()
    {
        var json = WithCharges("""
            [ { "id": "mid-peak", "perKw": 8.83, "intervals": [ { "start": "2026-03-29T03:00:00+02:00", "end": "2026-03-29T05:00:00+02:00" } ] },
              { "id": "on-peak", "perKw": 29.54, "intervals": [ { "start": "2026-03-29T04:00:00+02:00", "end": "2026-03-29T06:00:00+02:00" } ] } ]
            """);

        var result = ScenarioReader.Read(json.ToJsonString());

        Assert.True(result.IsValid, string.Join("\n", result.Errors));
    }

    [Theory]
    [InlineData("perKw", "-0.01", "$.tariff.demandCharges[0].perKw")]
    [InlineData("perKw", "100001", "$.tariff.demandCharges[0].perKw")]
    [InlineData("perKw", "\"29.54\"", "$.tariff.demandCharges[0].perKw")]
    [InlineData("peakSoFarKw", "-1", "$.tariff.demandCharges[0].peakSoFarKw")]
    [InlineData("id", "\"\"", "$.tariff.demandCharges[0].id")]
    [InlineData("intervals", "[]", "$.tariff.demandCharges[0].intervals")]
    [InlineData("intervals", "[{ \"start\": \"2026-03-29T04:00:00+02:00\" }]", "$.tariff.demandCharges[0].intervals[0].end")]
    [InlineData("intervals", "[{ \"start\": \"2026-03-29T04:00:00\", \"end\": \"2026-03-29T05:00:00+02:00\" }]", "$.tariff.demandCharges[0].intervals[0].start")]
    [InlineData("intervals", "[{ \"start\": \"2026-02-30T04:00:00+02:00\", \"end\": \"2026-03-29T05:00:00+02:00\" }]", "$.tariff.demandCharges[0].intervals[0].start")]
    [InlineData("intervals", "[{ \"start\": \"2026-03-29T04:00:00+02:00\", \"end\": \"2026-03-29T05:00:00+02:00\", \"days\": \"weekdays\" }]", "$.tariff.demandCharges[0].intervals[0].days")]
    [InlineData("colour", "\"red\"", "$.tariff.demandCharges[0].colour")]
    public void Read_BadValueInACharge_ReportsItsPath(string property, string value, string path)
    {
        var json = WithCharges("""[ { "id": "on-peak", "perKw": 29.54 } ]""");
        json.At("tariff.demandCharges[0]")[property] = JsonNode.Parse(value);

        var error = Assert.Single(ScenarioReader.Read(json.ToJsonString()).Errors);

        Assert.Equal(path, error.Path);
    }

    [Fact]
    public void Read_IntervalWithTwoInstantsThatDoNotExist_ReportsBoth()
    {
        var json = WithCharges("""[ { "id": "on-peak", "perKw": 29.54, "intervals": [ { "start": "2026-02-30T04:00:00+02:00", "end": "2026-02-31T05:00:00+02:00" } ] } ]""");

        var errors = ScenarioReader.Read(json.ToJsonString()).Errors;

        Assert.Equal(["$.tariff.demandCharges[0].intervals[0].start", "$.tariff.demandCharges[0].intervals[0].end"], errors.Select(e => e.Path));
    }

    [Fact]
    public void Read_ChargeWithoutPrice_ReportsTheMissingPrice()
    {
        var json = WithCharges("""[ { "id": "on-peak" } ]""");

        var error = Assert.Single(ScenarioReader.Read(json.ToJsonString()).Errors);

        Assert.Equal("$.tariff.demandCharges[0].perKw", error.Path);
    }

    [Fact]
    public void Read_ChargesNotAList_ReportsTheList()
    {
        var json = ScenarioSamples.Minimal();
        json.At("tariff")["demandCharges"] = JsonNode.Parse("""{ "id": "on-peak", "perKw": 29.54 }""");

        var error = Assert.Single(ScenarioReader.Read(json.ToJsonString()).Errors);

        Assert.Equal("$.tariff.demandCharges", error.Path);
    }

    private static PlanningProblem Valid(JsonObject json)
    {
        var result = ScenarioReader.Read(json.ToJsonString());
        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        return result.Problem;
    }

    private static JsonObject WithCharges(string charges)
    {
        var json = ScenarioSamples.Minimal();
        json.At("tariff")["demandCharges"] = JsonNode.Parse(charges);
        return json;
    }
}
