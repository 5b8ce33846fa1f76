using NodaTime;
using Scheduler.Protocols.History;

namespace Scheduler.Tests.Protocols.History;

public class SessionHistoryCsvTests
{
    private static readonly DateTimeZone Amsterdam = DateTimeZoneProviders.Tzdb["Europe/Amsterdam"];

    [Fact]
    public void ReadCsv_AcrossTheSpringDstChange_KeepsRealDurations()
    {
        // Amsterdam, 2026-03-29: clocks go from 02:00 +01:00 to 03:00 +02:00, so 23:00 to 07:00 local lasts 7 hours.
        const string Csv = """
            id,chargerId,arrival,departure,energyKwh,announcedDeparture,announcedEnergyKwh
            night,cp-1,2026-03-28T23:00:00+01:00,2026-03-29T07:00:00+02:00,21.4,2026-03-29T07:30:00+02:00,30
            day,cp-2,2026-03-29T08:15:00+02:00,2026-03-29T17:45:00+02:00,9.75,,
            """;

        var result = SessionHistoryReader.ReadCsv(Csv);

        Assert.Empty(result.Errors);
        Assert.Empty(result.Warnings);
        Assert.Equal(SessionHistoryFormat.Csv, result.Format);
        Assert.Equal(["night", "day"], result.Sessions.Select(s => s.Id));
        var night = result.Sessions[0];
        Assert.Equal("cp-1", night.ChargerId);
        Assert.Equal(Duration.FromHours(7), night.Departure - night.Arrival);
        Assert.Equal(Amsterdam.AtStrictly(new LocalDateTime(2026, 3, 29, 7, 0)).ToInstant(), night.Departure);
        Assert.Equal(21.4, night.EnergyKwh, 12);
        Assert.Equal(new Announcement(night.Arrival, Instant.FromUtc(2026, 3, 29, 5, 30), 30), Assert.Single(night.Announcements));
        Assert.Empty(result.Sessions[1].Announcements);
    }

    [Fact]
    public void ReadCsv_AcrossTheAutumnDstChange_KeepsTheRepeatedHourApart()
    {
        // Amsterdam, 2026-10-25: 02:30 happens twice, first at +02:00 then at +01:00.
        const string Csv = """
            arrival,departure,energyKwh
            2026-10-25T02:30:00+02:00,2026-10-25T02:30:00+01:00,3.7
            """;

        var session = Assert.Single(SessionHistoryReader.ReadCsv(Csv).Sessions);

        Assert.Equal(Duration.FromHours(1), session.Departure - session.Arrival);
    }

    [Fact]
    public void ReadCsv_HeaderInAnyOrderAndCase_ReadsTheColumns()
    {
        const string Csv = "EnergyKWH, Departure ,ARRIVAL\r\n12.5,2026-03-10T16:30:00Z,2026-03-10T07:45:00Z\r\n";

        var session = Assert.Single(SessionHistoryReader.ReadCsv(Csv).Sessions);

        Assert.Equal(Instant.FromUtc(2026, 3, 10, 7, 45), session.Arrival);
        Assert.Equal(Instant.FromUtc(2026, 3, 10, 16, 30), session.Departure);
        Assert.Equal(12.5, session.EnergyKwh, 12);
    }

    [Fact]
    public void ReadCsv_QuotedCellsWithCommas_AreOneCell()
    {
        const string Csv = """
            id,chargerId,arrival,departure,energyKwh
            "visitor, ""blue"" car","Garage A, bay 3",2026-03-10T07:45:00+01:00,2026-03-10T16:30:00+01:00,"18.2"
            """;

        var session = Assert.Single(SessionHistoryReader.ReadCsv(Csv).Sessions);

        Assert.Equal("visitor, \"blue\" car", session.Id);
        Assert.Equal("Garage A, bay 3", session.ChargerId);
        Assert.Equal(18.2, session.EnergyKwh, 12);
    }

    [Fact]
    public void ReadCsv_NoIdAndNoCharger_NamesTheSessionAfterItsLine()
    {
        const string Csv = """
            arrival,departure,energyKwh,chargerId,announcedEnergyKwh

            2026-03-10T07:45:00+01:00,2026-03-10T16:30:00+01:00,18.2,,40
            """;

        var session = Assert.Single(SessionHistoryReader.ReadCsv(Csv).Sessions);

        Assert.Equal("line-3", session.Id);
        Assert.Null(session.ChargerId);
        Assert.Equal(new Announcement(session.Arrival, null, 40), Assert.Single(session.Announcements));
    }

    [Fact]
    public void ReadCsv_TimeWithoutOffset_SaysAnOffsetIsRequired()
    {
        const string Csv = """
            arrival,departure,energyKwh,announcedDeparture
            2026-03-10T07:45:00+01:00,2026-03-10T16:30:00+01:00,18.2,2026-03-10T17:00:00
            """;

        var result = SessionHistoryReader.ReadCsv(Csv);

        var error = Assert.Single(result.Errors);
        Assert.Equal("line 2, column announcedDeparture", error.Location);
        Assert.Contains("an offset is required", error.Message, StringComparison.Ordinal);
        Assert.Empty(result.Sessions);
    }

    [Fact]
    public void ReadCsv_MissingRequiredColumn_NamesIt()
    {
        const string Csv = """
            id,arrival,departure
            a,2026-03-10T07:45:00+01:00,2026-03-10T16:30:00+01:00
            """;

        var result = SessionHistoryReader.ReadCsv(Csv);

        var error = Assert.Single(result.Errors);
        Assert.Equal("line 1", error.Location);
        Assert.StartsWith("has no column energyKwh: expected a header with arrival, departure, energyKwh", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadCsv_DepartureBeforeArrival_IsAnErrorAtTheDeparture()
    {
        const string Csv = """
            arrival,departure,energyKwh
            2026-03-10T07:45:00+01:00,2026-03-10T07:30:00+01:00,1
            """;

        var result = SessionHistoryReader.ReadCsv(Csv);

        Assert.Equal(
            "line 2, column departure: is 2026-03-10T07:30:00+01:00, not after the arrival 2026-03-10T07:45:00+01:00: expected the vehicle to leave after it arrived",
            Assert.Single(result.Errors).ToString());
    }

    [Theory]
    [InlineData("7,5", "line 2: has 4 cells")]
    [InlineData("\"7,5\"", "line 2, column energyKwh: is \"7,5\": expected a number of kWh with '.' decimals")]
    [InlineData("-2", "line 2, column energyKwh: is -2: expected zero or above")]
    [InlineData("", "line 2, column energyKwh: is empty")]
    [InlineData("\"7.5", "line 2: cell 3 opens a quote that the line does not close")]
    public void ReadCsv_BadEnergy_SaysWhatWasExpected(string cell, string expected)
    {
        var csv = "arrival,departure,energyKwh\n2026-03-10T07:45:00Z,2026-03-10T16:30:00Z," + cell + "\n";

        var result = SessionHistoryReader.ReadCsv(csv);

        Assert.StartsWith(expected, Assert.Single(result.Errors).ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void ReadCsv_DuplicateId_IsAnError()
    {
        const string Csv = """
            id,arrival,departure,energyKwh
            a,2026-03-10T07:45:00Z,2026-03-10T16:30:00Z,1
            a,2026-03-11T07:45:00Z,2026-03-11T16:30:00Z,2
            """;

        var result = SessionHistoryReader.ReadCsv(Csv);

        Assert.Equal("line 3, column id", Assert.Single(result.Errors).Location);
    }

    [Fact]
    public void ReadCsv_UnknownColumn_IsIgnoredWithAWarning()
    {
        const string Csv = """
            arrival,departure,energyKwh,vehicle
            2026-03-10T07:45:00Z,2026-03-10T16:30:00Z,1,Nissan LEAF
            """;

        var result = SessionHistoryReader.ReadCsv(Csv);

        Assert.Single(result.Sessions);
        Assert.Equal("line 1, column 4: is \"vehicle\", not a column this reader knows; ignored", Assert.Single(result.Warnings));
    }

    [Fact]
    public void ReadCsv_SessionsOutOfOrder_AreSortedByArrivalThenId()
    {
        const string Csv = """
            id,arrival,departure,energyKwh
            c,2026-03-10T09:00:00Z,2026-03-10T16:30:00Z,1
            b,2026-03-10T08:00:00Z,2026-03-10T16:30:00Z,1
            a,2026-03-10T09:00:00Z,2026-03-10T16:30:00Z,1
            """;

        var result = SessionHistoryReader.ReadCsv(Csv);

        Assert.Equal(["b", "a", "c"], result.Sessions.Select(s => s.Id));
    }

    [Fact]
    public void ReadCsv_TimeReachingYear9999_IsAnErrorNotAnOverflow()
    {
        const string Csv = "arrival,departure,energyKwh\n2021-09-06T08:00:00-07:00,9999-12-31T23:00:00-07:00,10\n";

        var error = Assert.Single(SessionHistoryReader.ReadCsv(Csv).Errors);

        Assert.Equal("line 2, column departure: is \"9999-12-31T23:00:00-07:00\": expected a time in the years 1900 to 9000", error.ToString());
    }

    [Fact]
    public void ReadCsv_StayLongerThanAMonth_IsAnError()
    {
        const string Csv = "arrival,departure,energyKwh\n2021-09-06T08:00:00-07:00,2021-12-06T08:00:00-08:00,10\n";

        var error = Assert.Single(SessionHistoryReader.ReadCsv(Csv).Errors);

        Assert.Equal("line 2, column departure", error.Location);
        Assert.Equal("is 2021-12-06T08:00:00-08:00, 91 days after the arrival 2021-09-06T08:00:00-07:00: expected a stay of at most 31 days", error.Message);
    }

    [Fact]
    public void ReadCsv_ControlCharacterInAnId_IsRefusedEscaped()
    {
        const string Csv = "id,chargerId,arrival,departure,energyKwh\ns\u001b[31m,cp-1,2021-09-06T08:00:00-07:00,2021-09-06T17:00:00-07:00,10\n";

        var error = Assert.Single(SessionHistoryReader.ReadCsv(Csv).Errors);

        Assert.Equal("line 2, column id: is \"s\\u001B[31m\", which holds the control character U+001B at character 2, expected printable text", error.ToString());
    }

    [Fact]
    public void ReadCsv_MoreSessionsThanAHistoryHolds_IsRefusedBeforeTheyAreRead()
    {
        var csv = "arrival,departure,energyKwh\n" + string.Concat(Enumerable.Repeat("2021-09-06T08:00:00-07:00,2021-09-06T17:00:00-07:00,10\n", Scheduler.Protocols.Input.InputLimits.MaxHistorySessions + 1));

        var error = Assert.Single(SessionHistoryReader.ReadCsv(csv).Errors);

        Assert.Equal("line 2: starts 100,001 sessions, more than the 100,000 a history may hold", error.ToString());
    }
}
