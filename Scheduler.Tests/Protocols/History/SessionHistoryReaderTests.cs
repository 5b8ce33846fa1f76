using Scheduler.Protocols.History;

namespace Scheduler.Tests.Protocols.History;

public class SessionHistoryReaderTests
{
    [Fact]
    public void Read_CaltechFile_IsAcnData()
    {
        var result = SessionHistoryReader.Read(SessionSamples.Text(SessionSamples.Caltech));

        Assert.Equal(SessionHistoryFormat.AcnData, result.Format);
        Assert.True(result.IsValid);
        Assert.Equal(3_235, result.Sessions.Count);
    }

    [Fact]
    public void Read_BareArrayOfItems_IsAcnData()
    {
        const string Json = """
            [{"sessionID": "a", "stationID": "s1", "connectionTime": "Tue, 01 Dec 2020 13:59:06 GMT",
              "disconnectTime": "Tue, 01 Dec 2020 19:33:50 GMT", "kWhDelivered": 7.9, "userInputs": null}]
            """;

        var result = SessionHistoryReader.Read(Json);

        Assert.Equal(SessionHistoryFormat.AcnData, result.Format);
        Assert.Equal("a", Assert.Single(result.Sessions).Id);
    }

    [Fact]
    public void Read_CsvWithByteOrderMarkAndBlankLines_IsCsv()
    {
        const string Csv = "\uFEFF\n\n  arrival,departure,energyKwh\n2026-03-10T07:45:00Z,2026-03-10T16:30:00Z,1\n";

        var result = SessionHistoryReader.Read(Csv);

        Assert.Equal(SessionHistoryFormat.Csv, result.Format);
        Assert.Equal("line-4", Assert.Single(result.Sessions).Id);
    }

    [Fact]
    public void Read_CsvMissingARequiredColumn_IsCsvWithAnError()
    {
        var result = SessionHistoryReader.Read("arrival,departure\n2026-03-10T07:45:00Z,2026-03-10T16:30:00Z\n");

        Assert.Equal(SessionHistoryFormat.Csv, result.Format);
        Assert.StartsWith("has no column energyKwh", Assert.Single(result.Errors).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Charging event,CP ID,Start Date\n1,50911,05/03/2018\n", "line 1")]
    [InlineData("{\"object\": \"list\", \"data\": []}", "$")]
    [InlineData("[1, 2, 3]", "$")]
    [InlineData("\n\nhello\n", "line 3")]
    [InlineData("   \n", "line 1")]
    public void Read_UnknownFormat_NamesTheTwoFormatsAccepted(string text, string location)
    {
        var result = SessionHistoryReader.Read(text);

        Assert.Null(result.Format);
        var error = Assert.Single(result.Errors);
        Assert.Equal(location, error.Location);
        Assert.Contains("expected ACN-Data JSON", error.Message, StringComparison.Ordinal);
        Assert.Contains("or a session CSV", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_BrokenJson_ReportsWhereTheSyntaxBreaks()
    {
        var result = SessionHistoryReader.Read("{\"_items\": [");

        Assert.Equal(SessionHistoryFormat.AcnData, result.Format);
        Assert.Contains("not valid JSON at line 1", Assert.Single(result.Errors).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_AnyDamagedHistory_ReturnsSessionsOrErrorsNeverThrows()
    {
        var acn = SessionSamples.Text(SessionSamples.Jpl)[..20_000];
        var csv = "id,chargerId,arrival,departure,energyKwh,announcedDeparture,announcedEnergyKwh\n"
            + "a,cp-1,2026-03-10T07:45:00+01:00,2026-03-10T16:30:00+01:00,18.2,2026-03-10T17:00:00+01:00,25\n"
            + "b,cp-2,2026-03-10T08:15:00+01:00,2026-03-10T17:45:00+01:00,9.75,,\n";

        foreach (var (what, text) in Scheduler.Tests.Support.Damage.Of(acn, 300).Concat(Scheduler.Tests.Support.Damage.Of(csv, 300)))
        {
            var result = SessionHistoryReader.Read(text);

            Assert.True(result.IsValid || result.Errors.All(e => e.Location.Length > 0), what);
        }
    }
}
