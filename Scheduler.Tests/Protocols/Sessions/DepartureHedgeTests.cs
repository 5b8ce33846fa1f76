using NodaTime;
using Scheduler.Protocols.Sessions;

namespace Scheduler.Tests.Protocols.Sessions;

public sealed class DepartureHedgeTests
{
    private static readonly Instant Arrival = Instant.FromUtc(2026, 3, 10, 8, 0);
    private static readonly Instant Announced = Arrival + Duration.FromHours(8);
    private static readonly Duration Slot = Duration.FromMinutes(15);

    [Theory]
    [InlineData(1, 0, 8)]
    [InlineData(0.5, 0, 4)]
    [InlineData(0.25, 1, 2)]
    // The held-back finish has passed but the car is still here: the announced time stands.
    [InlineData(0.5, 5, 8)]
    // A driver who stays longer than announced is planned past the announcement, even once it has passed.
    [InlineData(1.5, 0, 12)]
    [InlineData(1.5, 9, 12)]
    public void PlannedDeparture_Share_PlansThatShareOfTheStay(double share, int hoursAfterArrival, int expectedHours)
    {
        var result = DepartureHedge.PlannedDeparture(Arrival, Announced, Arrival + Duration.FromHours(hoursAfterArrival), Slot, share);

        Assert.Equal(Arrival + Duration.FromHours(expectedHours), result);
    }

    [Fact]
    public void PlannedDeparture_AnnouncedTimePassed_PlansAnHourAhead()
    {
        var now = Announced + Duration.FromMinutes(20);

        Assert.Equal(now + Duration.FromHours(1), DepartureHedge.PlannedDeparture(Arrival, Announced, now, Slot, 0.5));
    }

    [Fact]
    public void PlannedDeparture_LaterShareAlsoPassed_PlansAnHourAhead()
    {
        var now = Arrival + Duration.FromHours(13);

        Assert.Equal(now + Duration.FromHours(1), DepartureHedge.PlannedDeparture(Arrival, Announced, now, Slot, 1.5));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-0.1)]
    [InlineData(4.01)]
    [InlineData(double.NaN)]
    public void PlannedDeparture_ShareOutsideRange_Throws(double share) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => DepartureHedge.PlannedDeparture(Arrival, Announced, Arrival, Slot, share));
}
