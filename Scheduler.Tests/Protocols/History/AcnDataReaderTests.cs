using NodaTime;
using Scheduler.Protocols.History;

namespace Scheduler.Tests.Protocols.History;

public class AcnDataReaderTests
{
    private static readonly Lazy<SessionHistoryResult> Caltech = new(() => SessionHistoryReader.ReadAcnData(SessionSamples.Text(SessionSamples.Caltech)));

    [Fact]
    public void ReadAcnData_Caltech_GivesAllSessionsWithoutErrors()
    {
        var result = Caltech.Value;

        Assert.Empty(result.Errors);
        Assert.Empty(result.Warnings);
        Assert.Equal(SessionHistoryFormat.AcnData, result.Format);
        Assert.Equal(3_235, result.Sessions.Count);
        Assert.Equal(2_979, result.Sessions.Count(s => s.Announcements.Count > 0));
        Assert.Equal(3_185, result.Sessions.Sum(s => s.Announcements.Count));
        Assert.Equal(39_926.473, result.Sessions.Sum(s => s.EnergyKwh), 3);
        Assert.Equal(45, result.Sessions.Select(s => s.ChargerId).Distinct().Count());
    }

    [Fact]
    public void ReadAcnData_Caltech_FirstSessionMatchesTheFile()
    {
        var first = Caltech.Value.Sessions[0];

        Assert.Equal("2_39_131_30_2020-12-01 13:58:55.468429", first.Id);
        Assert.Equal("2-39-131-30", first.ChargerId);
        Assert.Equal(Instant.FromUtc(2020, 12, 1, 13, 59, 6), first.Arrival);
        Assert.Equal(Instant.FromUtc(2020, 12, 1, 19, 33, 50), first.Departure);
        Assert.Equal(7.877, first.EnergyKwh, 12);
        var said = Assert.Single(first.Announcements);
        Assert.Equal(Instant.FromUtc(2020, 12, 1, 13, 59, 5), said.At);
        Assert.Equal(Instant.FromUtc(2020, 12, 1, 17, 59, 6), said.Departure);
        Assert.Equal(15.5, said.EnergyKwh);
    }

    [Fact]
    public void ReadAcnData_Caltech_EditedRequestsAreInOrder()
    {
        var edited = Caltech.Value.Sessions.Single(s => s.Id == "2_39_139_28_2020-12-05 22:02:57.683411");

        Assert.Equal(
            [Instant.FromUtc(2020, 12, 5, 22, 3, 1), Instant.FromUtc(2020, 12, 5, 22, 3, 27), Instant.FromUtc(2020, 12, 5, 22, 3, 43)],
            edited.Announcements.Select(a => a.At));
        Assert.Equal([67.92, 28.3, 28.3], edited.Announcements.Select(a => a.EnergyKwh!.Value));
        Assert.Equal(Instant.FromUtc(2020, 12, 6, 1, 25, 58), edited.Announcements[^1].Departure);
        Assert.All(
            Caltech.Value.Sessions,
            s => Assert.Equal(s.Announcements.OrderBy(a => a.At).Select(a => a.At), s.Announcements.Select(a => a.At)));
    }

    [Fact]
    public void ReadAcnData_Caltech_SessionsAreSortedByArrival()
    {
        var sessions = Caltech.Value.Sessions;

        Assert.Equal(sessions.OrderBy(s => s.Arrival).ThenBy(s => s.Id, StringComparer.Ordinal), sessions);
        Assert.Equal(Instant.FromUtc(2021, 9, 14, 1, 52, 37), sessions[^1].Arrival);
    }

    [Fact]
    public void ReadAcnData_JplWeek_Gives232Sessions()
    {
        var result = SessionHistoryReader.ReadAcnData(SessionSamples.Text(SessionSamples.Jpl));

        Assert.Empty(result.Errors);
        Assert.Equal(232, result.Sessions.Count);
        Assert.Equal(219, result.Sessions.Count(s => s.Announcements.Count > 0));
        Assert.Equal("1_1_193_820_2021-09-07 09:24:28.144659", result.Sessions[0].Id);
    }

    [Fact]
    public void ReadAcnData_JplWeek_LeavesOutTheFiveEditsMadeAsTheVehicleLeft()
    {
        var result = SessionHistoryReader.ReadAcnData(SessionSamples.Text(SessionSamples.Jpl));

        // 247 user inputs in the file; 5 were entered at or after the disconnect, too late for any plan.
        Assert.Equal(242, result.Sessions.Sum(s => s.Announcements.Count));
        Assert.Equal(5, result.Warnings.Count);
        Assert.All(result.Warnings, w => Assert.Contains("when the vehicle had left; left out", w, StringComparison.Ordinal));
        var late = result.Sessions.Single(s => s.Id == "1_1_178_817_2021-09-08 18:39:24.295989");
        Assert.Single(late.Announcements);
    }

    [Fact]
    public void ReadAcnData_BadTimeNegativeKwhAndDuplicateId_ReportsEachAtItsPath()
    {
        const string Json = """
            {"_meta": {"site": "test"}, "_items": [
              {"sessionID": "a", "stationID": "s1", "connectionTime": "Tue, 01 Dec 2020 13:59:06 GMT",
               "disconnectTime": "Tue, 01 Dec 2020 19:33:50 GMT", "kWhDelivered": 7.9, "userInputs": null},
              {"sessionID": "b", "stationID": "s2", "connectionTime": "2020-12-01T14:00:00Z",
               "disconnectTime": "Tue, 01 Dec 2020 19:33:50 GMT", "kWhDelivered": 3.0, "userInputs": null},
              {"sessionID": "c", "stationID": "s3", "connectionTime": "Tue, 01 Dec 2020 13:59:06 GMT",
               "disconnectTime": "Tue, 01 Dec 2020 19:33:50 GMT", "kWhDelivered": 2.0,
               "userInputs": [{"modifiedAt": "Tue, 01 Dec 2020 13:59:05 GMT", "requestedDeparture": null, "kWhRequested": -5}]},
              {"sessionID": "a", "stationID": "s4", "connectionTime": "Tue, 01 Dec 2020 15:00:00 GMT",
               "disconnectTime": "Tue, 01 Dec 2020 16:00:00 GMT", "kWhDelivered": -1.5, "userInputs": null}
            ]}
            """;

        var result = SessionHistoryReader.ReadAcnData(Json);

        Assert.False(result.IsValid);
        Assert.Empty(result.Sessions);
        Assert.Equal(
            ["$._items[1].connectionTime", "$._items[2].userInputs[0].kWhRequested", "$._items[3].kWhDelivered", "$._items[3].sessionID"],
            result.Errors.Select(e => e.Location));
        Assert.Contains("expected an RFC 1123 time in GMT", result.Errors[0].Message, StringComparison.Ordinal);
        Assert.Contains("zero or above", result.Errors[2].Message, StringComparison.Ordinal);
        Assert.Equal(
            "$._items[3].sessionID: is \"a\", the id of the session at $._items[0].sessionID: expected each session id once",
            result.Errors[3].ToString());
    }

    [Fact]
    public void ReadAcnData_DisconnectBeforeConnect_IsAnError()
    {
        const string Json = """
            [{"sessionID": "a", "stationID": "s1", "connectionTime": "Tue, 01 Dec 2020 13:59:06 GMT",
              "disconnectTime": "Tue, 01 Dec 2020 13:59:06 GMT", "kWhDelivered": 0}]
            """;

        var result = SessionHistoryReader.ReadAcnData(Json);

        var error = Assert.Single(result.Errors);
        Assert.Equal("$[0].disconnectTime", error.Location);
        Assert.Contains("not after connectionTime 2020-12-01T13:59:06Z", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadAcnData_WrongDayOfWeek_IsAnError()
    {
        const string Json = """
            [{"sessionID": "a", "connectionTime": "Wed, 01 Dec 2020 13:59:06 GMT",
              "disconnectTime": "Tue, 01 Dec 2020 19:33:50 GMT", "kWhDelivered": 1}]
            """;

        var result = SessionHistoryReader.ReadAcnData(Json);

        Assert.Equal("$[0].connectionTime", Assert.Single(result.Errors).Location);
    }

    [Fact]
    public void ReadAcnData_MissingFieldsAndExtraFields_ReportsOnlyTheMissing()
    {
        const string Json = """
            {"_items": [{"sessionID": "a", "connectionTime": "Tue, 01 Dec 2020 13:59:06 GMT", "newApiField": {"x": 1}}]}
            """;

        var result = SessionHistoryReader.ReadAcnData(Json);

        Assert.Equal(["$._items[0].disconnectTime", "$._items[0].kWhDelivered"], result.Errors.Select(e => e.Location));
        Assert.All(result.Errors, e => Assert.StartsWith("is missing: expected", e.Message, StringComparison.Ordinal));
    }

    [Fact]
    public void ReadAcnData_NullStationAndPartialInputs_KeepsWhatWasSaid()
    {
        const string Json = """
            [{"sessionID": "a", "stationID": null, "connectionTime": "Tue, 01 Dec 2020 13:59:06 GMT",
              "disconnectTime": "Tue, 01 Dec 2020 19:33:50 GMT", "kWhDelivered": 4.25,
              "userInputs": [
                {"modifiedAt": "Tue, 01 Dec 2020 14:30:00 GMT", "requestedDeparture": null, "kWhRequested": 10},
                {"modifiedAt": "Tue, 01 Dec 2020 14:00:00 GMT", "requestedDeparture": "Tue, 01 Dec 2020 18:00:00 GMT"},
                {"modifiedAt": "Tue, 01 Dec 2020 14:10:00 GMT", "requestedDeparture": null, "kWhRequested": null},
                {"modifiedAt": "Tue, 01 Dec 2020 20:00:00 GMT", "kWhRequested": 12}]}]
            """;

        var result = SessionHistoryReader.ReadAcnData(Json);

        Assert.Empty(result.Errors);
        var session = Assert.Single(result.Sessions);
        Assert.Null(session.ChargerId);
        Assert.Equal(
            [new Announcement(Instant.FromUtc(2020, 12, 1, 14, 0), Instant.FromUtc(2020, 12, 1, 18, 0), null),
             new Announcement(Instant.FromUtc(2020, 12, 1, 14, 30), null, 10)],
            session.Announcements);
        Assert.Equal(2, result.Warnings.Count);
        Assert.StartsWith("$[0].userInputs[2]: has neither", result.Warnings[0], StringComparison.Ordinal);
        Assert.StartsWith("$[0].userInputs[3]: was made at 2020-12-01T20:00:00Z", result.Warnings[1], StringComparison.Ordinal);
    }

    [Fact]
    public void ReadAcnData_InvalidJson_ReportsLineAndByte()
    {
        var result = SessionHistoryReader.ReadAcnData("{\"_items\": [\n  {\"sessionID\": }\n]}");

        var error = Assert.Single(result.Errors);
        Assert.StartsWith("not valid JSON at line 2, byte 17 of the line", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadAcnData_ObjectWithoutItems_ReportsTheMissingArray()
    {
        var result = SessionHistoryReader.ReadAcnData("{\"_meta\": {}}");

        Assert.Equal("$._items: is missing: expected an array of ACN-Data sessions", Assert.Single(result.Errors).ToString());
    }

    [Fact]
    public void ReadAcnData_ManyBadSessions_StopsAtMaxErrors()
    {
        var items = Enumerable.Range(0, 50).Select(i => $$"""{"sessionID": "s{{i}}", "connectionTime": "bad", "disconnectTime": "Tue, 01 Dec 2020 19:33:50 GMT", "kWhDelivered": 1}""");

        var result = SessionHistoryReader.ReadAcnData("[" + string.Join(",", items) + "]");

        Assert.Equal(SessionHistoryReader.MaxErrors, result.Errors.Count);
    }

    [Fact]
    public void ReadAcnData_StayLongerThanAMonth_IsAnError()
    {
        const string Json = """
            [{"sessionID": "a", "connectionTime": "Tue, 01 Dec 2020 13:59:06 GMT",
              "disconnectTime": "Fri, 01 Jan 2021 13:59:07 GMT", "kWhDelivered": 1}]
            """;

        var error = Assert.Single(SessionHistoryReader.ReadAcnData(Json).Errors);

        Assert.Equal("$[0].disconnectTime", error.Location);
        Assert.Equal("is 2021-01-01T13:59:07Z, 31 days after connectionTime 2020-12-01T13:59:06Z: expected a stay of at most 31 days", error.Message);
    }

    [Fact]
    public void ReadAcnData_TimeOutsideTheYearsRead_IsAnError()
    {
        const string Json = """
            [{"sessionID": "a", "connectionTime": "Fri, 31 Dec 9999 13:59:06 GMT",
              "disconnectTime": "Fri, 31 Dec 9999 14:59:06 GMT", "kWhDelivered": 1}]
            """;

        var result = SessionHistoryReader.ReadAcnData(Json);

        Assert.Equal(["$[0].connectionTime", "$[0].disconnectTime"], result.Errors.Select(e => e.Location));
        Assert.All(result.Errors, e => Assert.EndsWith("expected a time in the years 1900 to 9000", e.Message, StringComparison.Ordinal));
    }

    [Fact]
    public void ReadAcnData_ControlCharacterInAnId_IsRefused()
    {
        const string Json = """
            [{"sessionID": "a\u0007", "stationID": "\u001b[2J", "connectionTime": "Tue, 01 Dec 2020 13:59:06 GMT",
              "disconnectTime": "Tue, 01 Dec 2020 19:33:50 GMT", "kWhDelivered": 1}]
            """;

        var result = SessionHistoryReader.ReadAcnData(Json);

        Assert.Equal(["$[0].sessionID", "$[0].stationID"], result.Errors.Select(e => e.Location));
        Assert.DoesNotContain(result.Errors, e => e.Message.Any(char.IsControl));
    }

    [Fact]
    public void ReadAcnData_MoreInputsThanASessionHolds_IsAnError()
    {
        var input = """{"modifiedAt": "Tue, 01 Dec 2020 14:00:00 GMT", "requestedDeparture": null, "kWhRequested": 10}""";
        var json = """[{"sessionID": "a", "connectionTime": "Tue, 01 Dec 2020 13:59:06 GMT", "disconnectTime": "Tue, 01 Dec 2020 19:33:50 GMT", "kWhDelivered": 1, "userInputs": ["""
            + string.Join(',', Enumerable.Repeat(input, 101)) + "]}]";

        var error = Assert.Single(SessionHistoryReader.ReadAcnData(json).Errors);

        Assert.Equal("$[0].userInputs", error.Location);
        Assert.Equal("holds 101 inputs, more than the 100 a session may hold", error.Message);
    }
}
