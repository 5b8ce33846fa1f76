using NodaTime;
using Scheduler.Protocols.Billing;

namespace Scheduler.Tests.Protocols.Billing;

public sealed class BillingPeriodTests
{
    private static readonly DateTimeZone LosAngeles = DateTimeZoneProviders.Tzdb["America/Los_Angeles"];

    [Fact]
    public void Containing_MarchInLosAngeles_IsTheCalendarMonthAnHourShortForTheSpringChange()
    {
        var period = BillingPeriod.Containing(Instant.FromUtc(2026, 3, 15, 12, 0), LosAngeles);

        Assert.Equal("2026-03", period.Id);
        Assert.Equal(Instant.FromUtc(2026, 3, 1, 8, 0), period.Start);
        Assert.Equal(Instant.FromUtc(2026, 4, 1, 7, 0), period.End);
        Assert.Equal(Duration.FromDays(31) - Duration.FromHours(1), period.End - period.Start);
    }

    [Fact]
    public void Containing_LocalMidnightOfTheFirst_StartsTheNewPeriodNotTheOldOne()
    {
        var april = Instant.FromUtc(2026, 4, 1, 7, 0);

        Assert.Equal("2026-04", BillingPeriod.Containing(april, LosAngeles).Id);
        Assert.Equal("2026-03", BillingPeriod.Containing(april - Duration.Epsilon, LosAngeles).Id);
    }

    [Fact]
    public void Containing_CycleDay15_RunsFromThe15thToThe15thAcrossTheAutumnChange()
    {
        var period = BillingPeriod.Containing(Instant.FromUtc(2026, 11, 3, 12, 0), LosAngeles, cycleDay: 15);

        Assert.Equal(new LocalDate(2026, 10, 15), period.FirstDate);
        Assert.Equal(Instant.FromUtc(2026, 10, 15, 7, 0), period.Start);
        Assert.Equal(Instant.FromUtc(2026, 11, 15, 8, 0), period.End);
        Assert.Equal(Duration.FromDays(31) + Duration.FromHours(1), period.End - period.Start);
    }

    [Fact]
    public void Within_ThreeMonths_FollowEachOtherWithoutAGap()
    {
        var periods = BillingPeriod.Within(Instant.FromUtc(2026, 2, 20, 0, 0), Instant.FromUtc(2026, 4, 10, 0, 0), LosAngeles);

        Assert.Equal(["2026-02", "2026-03", "2026-04"], periods.Select(p => p.Id));
        Assert.Equal(periods[0].End, periods[1].Start);
        Assert.Equal(periods[1].End, periods[2].Start);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(29)]
    public void Containing_CycleDayOutOfRange_Throws(int cycleDay) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => BillingPeriod.Containing(Instant.FromUtc(2026, 1, 1, 0, 0), LosAngeles, cycleDay));
}
