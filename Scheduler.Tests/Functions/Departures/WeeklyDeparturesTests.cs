using NodaTime;
using Scheduler.Functions.Departures;

namespace Scheduler.Tests.Functions.Departures;

public sealed class WeeklyDeparturesTests
{
    private static readonly DateTimeZone Amsterdam = DateTimeZoneProviders.Tzdb["Europe/Amsterdam"];

    private static WeeklyDepartures Week(string json) => WeeklyDeparturesJson.Read(json).Week!;

    [Fact]
    public void After_WeekdaysAcrossTheSpringChange_SameLocalTimeBeforeAndAfter()
    {
        var week = Week("""{"days":[{"day":"weekdays","time":"07:30","energyKwh":25}]}""");

        // Friday 27 March 2026 is in winter time (+01:00); after the weekend, Monday 30 March is in summer time (+02:00).
        var friday = week.After(Instant.FromUtc(2026, 3, 26, 18, 0), Amsterdam);
        var monday = week.After(Instant.FromUtc(2026, 3, 27, 18, 0), Amsterdam);

        Assert.Equal((Instant.FromUtc(2026, 3, 27, 6, 30), 25.0), friday);
        Assert.Equal((Instant.FromUtc(2026, 3, 30, 5, 30), 25.0), monday);
    }

    [Fact]
    public void After_ATimeTheSpringChangeSkips_MovesForwardByTheGap()
    {
        var week = Week("""{"days":[{"day":"sunday","time":"02:30","energyKwh":10}]}""");

        var departure = week.After(Instant.FromUtc(2026, 3, 28, 20, 0), Amsterdam);

        // 02:30 does not exist on 29 March: it is 03:30+02:00.
        Assert.Equal(Instant.FromUtc(2026, 3, 29, 1, 30), departure!.Value.Departure);
    }

    [Fact]
    public void After_ATimeTheAutumnChangeRepeats_TheEarlierOne()
    {
        var week = Week("""{"days":[{"day":"sunday","time":"02:30","energyKwh":10}]}""");

        var departure = week.After(Instant.FromUtc(2026, 10, 24, 20, 0), Amsterdam);

        Assert.Equal(Instant.FromUtc(2026, 10, 25, 0, 30), departure!.Value.Departure);
    }

    [Fact]
    public void After_ArrivalLessThanAnHourBeforeTheTime_TheNextDay()
    {
        var week = Week("""{"days":[{"day":"daily","time":"07:30","energyKwh":8}]}""");

        var departure = week.After(Instant.FromUtc(2026, 3, 10, 6, 0), Amsterdam);

        Assert.Equal(Instant.FromUtc(2026, 3, 11, 6, 30), departure!.Value.Departure);
    }

    [Theory]
    [InlineData("""{"days":[{"day":"funday","time":"07:30","energyKwh":25}]}""", "recurring.day-unknown", "$.days[0].day")]
    [InlineData("""{"days":[{"day":"monday","time":"7.30","energyKwh":25}]}""", "recurring.time-malformed", "$.days[0].time")]
    [InlineData("""{"days":[{"day":"weekdays","time":"07:30","energyKwh":25},{"day":"friday","time":"16:00","energyKwh":5}]}""", "recurring.day-twice", "$.days[1].day")]
    [InlineData("""{"days":[{"day":"monday","time":"07:30","energyKwh":0}]}""", "energy.non-positive", "$.days[0].energyKwh")]
    [InlineData("""{"days":[]}""", "schema", "$.days")]
    public void Read_BadWeek_ErrorWithCodeAndPath(string json, string code, string path)
    {
        var (week, errors) = WeeklyDeparturesJson.Read(json);

        Assert.Null(week);
        Assert.Equal((code, path), (errors[0].Code, errors[0].Path));
    }
}
