using NodaTime;
using Scheduler.Protocols.Sessions;

namespace Scheduler.Tests.Functions;

public sealed class DefaultDepartureTests
{
    private static readonly DateTimeZone Amsterdam = DateTimeZoneProviders.Tzdb["Europe/Amsterdam"];

    [Theory]
    // Tuesday evening → Wednesday 07:30 CET.
    [InlineData("2026-03-10T18:00:00Z", true, "2026-03-11T06:30:00Z")]
    // Tuesday 05:00 local: the same morning, more than an hour ahead.
    [InlineData("2026-03-10T04:00:00Z", true, "2026-03-10T06:30:00Z")]
    // Tuesday 07:00 local: less than an hour before 07:30, so the next working day.
    [InlineData("2026-03-10T06:00:00Z", true, "2026-03-11T06:30:00Z")]
    // Friday evening → Monday, or Saturday when weekends count.
    [InlineData("2026-03-13T18:00:00Z", true, "2026-03-16T06:30:00Z")]
    [InlineData("2026-03-13T18:00:00Z", false, "2026-03-14T06:30:00Z")]
    // Saturday 28 March (CET) → Monday 30 March 07:30 CEST: the offset changed over the weekend.
    [InlineData("2026-03-28T12:00:00Z", true, "2026-03-30T05:30:00Z")]
    public void For_Arrival_NextWorkingMorning(string arrival, bool workingDaysOnly, string expected)
    {
        var result = DefaultDeparture.For(Parse(arrival), Amsterdam, "07:30", workingDaysOnly);

        Assert.Equal(Parse(expected), result);
    }

    [Fact]
    public void For_TimeInTheSpringGap_MovesForwardByTheGap()
    {
        // 02:30 does not exist on Sunday 29 March 2026 in Amsterdam; it becomes 03:30 CEST.
        var result = DefaultDeparture.For(Parse("2026-03-28T22:00:00Z"), Amsterdam, "02:30", workingDaysOnly: false);

        Assert.Equal(Parse("2026-03-29T01:30:00Z"), result);
    }

    [Fact]
    public void For_TimeInTheRepeatedAutumnHour_TakesTheEarlier()
    {
        // 02:30 happens twice on Sunday 25 October 2026; the first is 02:30 CEST.
        var result = DefaultDeparture.For(Parse("2026-10-24T22:00:00Z"), Amsterdam, "02:30", workingDaysOnly: false);

        Assert.Equal(Parse("2026-10-25T00:30:00Z"), result);
    }

    [Fact]
    public void For_MalformedTime_Throws() =>
        Assert.Throws<FormatException>(() => DefaultDeparture.For(Parse("2026-03-10T18:00:00Z"), Amsterdam, "7.30", true));

    private static Instant Parse(string text) => NodaTime.Text.InstantPattern.ExtendedIso.Parse(text).Value;
}
