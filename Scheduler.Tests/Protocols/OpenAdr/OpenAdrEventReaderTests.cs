using System.Text.Json.Nodes;
using NodaTime;
using Scheduler.Protocols.OpenAdr;

namespace Scheduler.Tests.Protocols.OpenAdr;

public sealed class OpenAdrEventReaderTests
{
    private static readonly Instant Now = OpenAdrSamples.Now;

    [Fact]
    public void Read_CapacityLimitExample_GivesTwoHalfHourIntervalsFromEventPeriod()
    {
        var result = OpenAdrEventReader.Read(OpenAdrSamples.UserGuide("ex-8.10.1-1_create-capacity-limit-event.json"), Now);

        Assert.True(result.IsValid, string.Join("; ", result.Errors));
        var e = Assert.Single(result.Events);
        Assert.Equal("capacity_limit_Event", e.Key);
        Assert.Equal("44", e.ProgramId);
        Assert.Equal(
            [(Instant.FromUtc(2023, 2, 10, 0, 0), Instant.FromUtc(2023, 2, 10, 0, 30)), (Instant.FromUtc(2023, 2, 10, 0, 30), Instant.FromUtc(2023, 2, 10, 1, 0))],
            e.Intervals.Select(i => (i.Start, i.End!.Value)).ToList());
        Assert.Equal([10.0, 8.0], e.Intervals.Select(i => i.Payloads.Single(p => p.Type == OpenAdrPayload.ImportCapacityLimit).Values[0]).ToList());
    }

    [Fact]
    public void Read_VariableIntervalsExample_SecondIntervalKeepsItsOwnDuration()
    {
        var result = OpenAdrEventReader.Read(OpenAdrSamples.UserGuide("ex-7.4-1_create-event-with-variable-intervals.json"), Now);

        var e = Assert.Single(result.Events);
        Assert.Equal(
            [(Instant.FromUtc(2023, 2, 10, 0, 0), Instant.FromUtc(2023, 2, 10, 1, 0)), (Instant.FromUtc(2023, 2, 10, 1, 0), Instant.FromUtc(2023, 2, 10, 3, 0))],
            e.Intervals.Select(i => (i.Start, i.End!.Value)).ToList());
    }

    [Fact]
    public void Read_IntervalsWithoutOwnPeriod_StartAtStartPlusIndexTimesDuration()
    {
        var result = OpenAdrEventReader.Read(OpenAdrSamples.Annex96Pricing(), Now);

        var e = Assert.Single(result.Events);
        Assert.Equal(13, e.Intervals.Count);
        Assert.Equal(
            Enumerable.Range(0, 13).Select(i => Instant.FromUtc(2026, 2, 17, 19, 0) + Duration.FromHours(i)).ToList(),
            e.Intervals.Select(i => i.Start).ToList());
    }

    [Fact]
    public void Read_MultiValuedExample_KeepsThreeValuesOnOneInterval()
    {
        var result = OpenAdrEventReader.Read(OpenAdrSamples.UserGuide("ex-7.3-1_create-event-with-multi-valued-payload.json"), Now);

        var interval = Assert.Single(Assert.Single(result.Events).Intervals);
        Assert.Equal(Instant.FromUtc(2025, 6, 25, 3, 0), interval.End);
        Assert.Equal([0.17, 0.03, 0.11], interval.Payloads.Single().Values);
    }

    [Fact]
    public void Read_ArrayOfEvents_ReadsEachAndNamesTheFailingOneByIndex()
    {
        var json = "[" + OpenAdrSamples.UserGuide("ex-8.2-1_create-simple-event.json") + ","
            + OpenAdrSamples.UserGuide("ex-8.13-4_bl-creates-event-with-targets.json") + "]";

        var result = OpenAdrEventReader.Read(json, Now);

        Assert.Equal("simpleEvent", Assert.Single(result.Events).Key);
        Assert.Equal("$[1].intervals", Assert.Single(result.Errors).Path);
    }

    [Fact]
    public void Read_ReadMinimalEventFromVtn_UsesItsId()
    {
        var result = OpenAdrEventReader.Read(OpenAdrSamples.UserGuide("ex-7.2-4_read-minimal-event.json"), Now);

        Assert.Equal("0", Assert.Single(result.Events).Key);
    }

    [Fact]
    public void Read_StartSentinel_MeansNowAndP9999YIsOpenEnded()
    {
        var json = Event("""{ "start": "0001-01-01", "duration": "P9999Y" }""", """[{ "id": 0, "payloads": [] }]""");

        var interval = Assert.Single(Assert.Single(OpenAdrEventReader.Read(json, Now).Events).Intervals);

        Assert.Equal(Now, interval.Start);
        Assert.Null(interval.End);
    }

    [Fact]
    public void Read_SentinelStartWithZeroDuration_IsCancelled()
    {
        var json = Event("""{ "start": "0001-01-01T00:00:00", "duration": "PT0S" }""", """[{ "id": 0, "payloads": [] }]""");

        var e = Assert.Single(OpenAdrEventReader.Read(json, Now).Events);

        Assert.True(e.IsCancelled);
        Assert.Empty(e.Intervals);
    }

    [Fact]
    public void Read_NoEventPeriod_EveryIntervalNeedsAStart()
    {
        var json = Event(null, """
            [{ "id": 0, "intervalPeriod": { "start": "2025-01-01T00:00:00Z", "duration": "PT1H" }, "payloads": [] },
             { "id": 1, "intervalPeriod": { "duration": "PT1H" }, "payloads": [] }]
            """);

        var result = OpenAdrEventReader.Read(json, Now);

        Assert.Equal("$.intervals[1].intervalPeriod", Assert.Single(result.Errors).Path);
    }

    [Theory]
    [InlineData("programID", "$.programID")]
    [InlineData("intervals", "$.intervals")]
    public void Read_MissingRequiredEventField_NamesItsPath(string field, string expectedPath)
    {
        var node = OpenAdrSamples.UserGuideNode("ex-8.3-2_create-pricing-event.json");
        node.Remove(field);

        var result = OpenAdrEventReader.Read(node.ToJsonString(), Now);

        Assert.Empty(result.Events);
        Assert.Equal(expectedPath, Assert.Single(result.Errors).Path);
    }

    [Theory]
    [InlineData("id", "$.intervals[1].id")]
    [InlineData("payloads", "$.intervals[1].payloads")]
    public void Read_MissingRequiredIntervalField_NamesItsPath(string field, string expectedPath)
    {
        var node = OpenAdrSamples.UserGuideNode("ex-8.3-2_create-pricing-event.json");
        node["intervals"]![1]!.AsObject().Remove(field);

        var result = OpenAdrEventReader.Read(node.ToJsonString(), Now);

        Assert.Equal(expectedPath, Assert.Single(result.Errors).Path);
    }

    [Fact]
    public void Read_EmptyIntervals_IsRejected()
    {
        var node = OpenAdrSamples.UserGuideNode("ex-8.3-2_create-pricing-event.json");
        node["intervals"] = new JsonArray();

        var result = OpenAdrEventReader.Read(node.ToJsonString(), Now);

        Assert.Equal("$.intervals", Assert.Single(result.Errors).Path);
    }

    [Fact]
    public void Read_CapacityLimitWithoutUnits_IsRejectedNotGuessed()
    {
        var node = OpenAdrSamples.UserGuideNode("ex-8.10.1-1_create-capacity-limit-event.json");
        node["payloadDescriptors"]![0]!.AsObject().Remove("units");

        var result = OpenAdrEventReader.Read(node.ToJsonString(), Now);

        Assert.Empty(result.Events);
        Assert.Equal(["$.intervals[0].payloads[0]", "$.intervals[1].payloads[0]"], result.Errors.Select(e => e.Path).ToList());
        Assert.Contains("never guessed", result.Errors[0].Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("-PT1H", "negative")]
    [InlineData("P1M", "months")]
    [InlineData("one hour", "ISO 8601")]
    public void Read_BadDuration_NamesThePathAndTheReason(string duration, string reason)
    {
        var node = OpenAdrSamples.UserGuideNode("ex-8.3-2_create-pricing-event.json");
        node["intervalPeriod"]!["duration"] = duration;

        var error = Assert.Single(OpenAdrEventReader.Read(node.ToJsonString(), Now).Errors);

        Assert.Equal("$.intervalPeriod.duration", error.Path);
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_BadStart_NamesThePath()
    {
        var node = OpenAdrSamples.UserGuideNode("ex-8.3-2_create-pricing-event.json");
        node["intervalPeriod"]!["start"] = "10 Feb 2023";

        var error = Assert.Single(OpenAdrEventReader.Read(node.ToJsonString(), Now).Errors);

        Assert.Equal("$.intervalPeriod.start", error.Path);
    }

    [Theory]
    [InlineData("[4]", "$.intervals[0].payloads[0].values")]
    [InlineData("[1.5]", "$.intervals[0].payloads[0].values")]
    [InlineData("[\"high\"]", "$.intervals[0].payloads[0].values[0]")]
    public void Read_BadSimpleLevel_NamesThePath(string values, string expectedPath)
    {
        var node = OpenAdrSamples.UserGuideNode("ex-8.2-1_create-simple-event.json");
        node["intervals"]![0]!["payloads"]![0]!["values"] = JsonNode.Parse(values);

        var error = Assert.Single(OpenAdrEventReader.Read(node.ToJsonString(), Now).Errors);

        Assert.Equal(expectedPath, error.Path);
    }

    [Fact]
    public void Read_NotJson_IsReportedAtTheRoot()
    {
        var result = OpenAdrEventReader.Read("{ \"programID\": ", Now);

        Assert.Equal("$", Assert.Single(result.Errors).Path);
    }

    [Fact]
    public void Read_Targets301ValuesMap_TakesTheValues()
    {
        var node = OpenAdrSamples.UserGuideNode("ex-8.3-2_create-pricing-event.json");
        node["targets"] = JsonNode.Parse("""[{ "type": "VEN_NAME", "values": ["ven-1", "ven-2"] }]""");

        var e = Assert.Single(OpenAdrEventReader.Read(node.ToJsonString(), Now).Events);

        Assert.Equal(["ven-1", "ven-2"], e.Targets);
    }

    [Fact]
    public void Read_EventDuration_IsWarnedAboutNotApplied()
    {
        var node = OpenAdrSamples.UserGuideNode("ex-8.3-2_create-pricing-event.json");
        node["duration"] = "P7D";

        var result = OpenAdrEventReader.Read(node.ToJsonString(), Now);

        Assert.True(result.IsValid);
        Assert.Equal("$.duration", Assert.Single(result.Warnings).Path);
    }

    [Theory]
    [InlineData("P1000D")]
    [InlineData("P1000Y")]
    public void Read_EndBeyondTheYearsRead_IsAnErrorNotAnOverflow(string duration)
    {
        var json = Event("{ \"start\": \"8999-06-01T00:00:00Z\", \"duration\": \"" + duration + "\" }", """[{ "id": 0, "payloads": [] }]""");

        var error = Assert.Single(OpenAdrEventReader.Read(json, Now).Errors);

        Assert.Equal("$.intervals[0]", error.Path);
    }

    [Fact]
    public void Read_TopLevelNotAnObject_IsReportedAtTheRoot()
    {
        var result = OpenAdrEventReader.Read("42", Now);

        Assert.Equal("$", Assert.Single(result.Errors).Path);
    }

    [Fact]
    public void Read_StartWithNumericOffset_IsTheSameInstantInUtc()
    {
        var json = Event("""{ "start": "2023-02-10T01:00:00.000+01:00", "duration": "PT1H" }""", """[{ "id": 0, "payloads": [] }]""");

        var interval = Assert.Single(Assert.Single(OpenAdrEventReader.Read(json, Now).Events).Intervals);

        Assert.Equal(Instant.FromUtc(2023, 2, 10, 0, 0), interval.Start);
    }

    [Fact]
    public void Read_IntervalWithOwnStart_OverridesAndTheNextFollowsIt()
    {
        var json = Event("""{ "start": "2023-02-10T00:00:00Z", "duration": "PT1H" }""", """
            [{ "id": 0, "payloads": [] },
             { "id": 1, "intervalPeriod": { "start": "2023-02-10T05:00:00Z" }, "payloads": [] },
             { "id": 2, "payloads": [] }]
            """);

        var intervals = Assert.Single(OpenAdrEventReader.Read(json, Now).Events).Intervals;

        Assert.Equal(
            [Instant.FromUtc(2023, 2, 10, 0, 0), Instant.FromUtc(2023, 2, 10, 5, 0), Instant.FromUtc(2023, 2, 10, 6, 0)],
            intervals.Select(i => i.Start).ToList());
    }

    [Fact]
    public void Read_MoreIntervalsThanADocumentHolds_IsRefusedBeforeTheyAreRead()
    {
        var intervals = "[" + string.Join(',', Enumerable.Range(0, Scheduler.Protocols.Input.InputLimits.MaxSignalIntervals + 1).Select(i => "{ \"id\": " + i + ", \"payloads\": [] }")) + "]";

        var error = Assert.Single(OpenAdrEventReader.Read(Event("{ \"start\": \"2026-03-10T00:00:00Z\", \"duration\": \"PT1M\" }", intervals), Now).Errors);

        Assert.Equal("$.intervals", error.Path);
        Assert.Equal("holds 10,001 intervals, which with the 0 before them are more than the 10,000 a document of events may hold", error.Message);
    }

    [Fact]
    public void Read_MultiValuedPricesAcrossEvents_CountEveryValueTowardsTheLimit()
    {
        var values = string.Join(',', Enumerable.Repeat("0.1", 6_000));
        var one = "{ \"id\": \"e{0}\", \"programID\": \"p\", \"intervalPeriod\": { \"start\": \"2026-03-10T00:00:00Z\", \"duration\": \"PT100H\" }, \"intervals\": [{ \"id\": 0, \"payloads\": [{ \"type\": \"PRICE\", \"values\": [" + values + "] }] }] }";

        var result = OpenAdrEventReader.Read("[" + one.Replace("{0}", "1", StringComparison.Ordinal) + "," + one.Replace("{0}", "2", StringComparison.Ordinal) + "]", Now);

        var error = Assert.Single(result.Errors);
        Assert.Equal("$[1].intervals[0].payloads[0].values", error.Path);
        Assert.Contains("more than the 10,000 a document of events may hold", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_OverlappingIntervalsOfOnePayloadType_AreRefused()
    {
        var json = Event(null, """
            [{ "id": 0, "intervalPeriod": { "start": "2026-03-10T00:00:00Z", "duration": "PT2H" }, "payloads": [{ "type": "SIMPLE", "values": [1] }] },
             { "id": 1, "intervalPeriod": { "start": "2026-03-10T01:00:00Z", "duration": "PT2H" }, "payloads": [{ "type": "SIMPLE", "values": [2] }] }]
            """);

        var error = Assert.Single(OpenAdrEventReader.Read(json, Now).Errors);

        Assert.Equal("$.intervals[1]", error.Path);
        Assert.StartsWith("starts at 2026-03-10T01:00:00Z, inside $.intervals[0] (2026-03-10T00:00:00Z to 2026-03-10T02:00:00Z), and both carry SIMPLE", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_OverlappingIntervalsOfDifferentPayloadTypes_AreRead()
    {
        var json = Event(null, """
            [{ "id": 0, "intervalPeriod": { "start": "2026-03-10T00:00:00Z", "duration": "PT2H" }, "payloads": [{ "type": "SIMPLE", "values": [1] }] },
             { "id": 1, "intervalPeriod": { "start": "2026-03-10T01:00:00Z", "duration": "PT2H" }, "payloads": [{ "type": "GHG", "values": [200] }] }]
            """);

        Assert.True(OpenAdrEventReader.Read(json, Now).IsValid);
    }

    [Fact]
    public void Read_PriceCurrencyThatIsNoIsoCode_IsRefusedAtTheDescriptor()
    {
        var node = OpenAdrSamples.UserGuideNode("ex-8.3-2_create-pricing-event.json");
        node["payloadDescriptors"]![0]!["currency"] = "€€€";

        var error = Assert.Single(OpenAdrEventReader.Read(node.ToJsonString(), Now).Errors);

        Assert.Equal("$.payloadDescriptors[0].currency", error.Path);
        Assert.Equal("found \"€€€\", expected an ISO 4217 currency code such as EUR, USD or GBP", error.Message);
    }

    [Theory]
    [InlineData("id", "$.id")]
    [InlineData("programID", "$.programID")]
    public void Read_ControlCharacterInAnId_IsRefusedEscaped(string field, string path)
    {
        var node = OpenAdrSamples.UserGuideNode("ex-8.10.1-1_create-capacity-limit-event.json");
        node[field] = "e\u001b[31m";

        var error = Assert.Single(OpenAdrEventReader.Read(node.ToJsonString(), Now).Errors);

        Assert.Equal(path, error.Path);
        Assert.Equal("found \"e\\u001B[31m\", which holds the control character U+001B at character 2, expected printable text", error.Message);
    }

    [Fact]
    public void Read_ControlCharacterInATarget_IsRefused()
    {
        var node = OpenAdrSamples.UserGuideNode("ex-8.10.1-1_create-capacity-limit-event.json");
        node["targets"] = JsonNode.Parse("[\"site\\u0000\"]");

        Assert.Equal("$.targets[0]", Assert.Single(OpenAdrEventReader.Read(node.ToJsonString(), Now).Errors).Path);
    }

    [Fact]
    public void Read_StartOutsideTheYearsRead_IsRefused()
    {
        var json = Event("{ \"start\": \"0002-01-01T00:00:00Z\", \"duration\": \"PT1H\" }", """[{ "id": 0, "payloads": [] }]""");

        var error = Assert.Single(OpenAdrEventReader.Read(json, Now).Errors);

        Assert.Equal("$.intervalPeriod.start", error.Path);
        Assert.Contains("in the years 1900 to 9000 (or 0001-01-01 for \"now\")", error.Message, StringComparison.Ordinal);
    }
    private static string Event(string? eventPeriod, string intervals) =>
        "{ \"id\": \"e1\", \"programID\": \"p\", "
        + (eventPeriod is null ? string.Empty : "\"intervalPeriod\": " + eventPeriod + ", ")
        + "\"intervals\": " + intervals + " }";

    [Theory]
    [InlineData("ex-8.10.1-1_create-capacity-limit-event.json")]
    [InlineData("ex-7.3-1_create-event-with-multi-valued-payload.json")]
    [InlineData("ex-8.3-2_create-pricing-event.json")]
    public void Read_AnyDamagedEvent_ReturnsEventsOrErrorsNeverThrows(string file)
    {
        foreach (var (what, text) in Scheduler.Tests.Support.Damage.Of(OpenAdrSamples.UserGuide(file), 300))
        {
            var result = OpenAdrEventReader.Read(text, Now);

            Assert.True(result.IsValid || result.Errors.All(e => e.Path.StartsWith('$')), what);
        }
    }
}
