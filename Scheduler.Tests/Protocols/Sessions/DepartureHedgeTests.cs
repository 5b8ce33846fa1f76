using NodaTime;
using Scheduler.Protocols.Sessions;

namespace Scheduler.Tests.Protocols.Sessions;

public sealed class DepartureHedgeTests
{
    private static readonly Instant Arrival = Instant.FromUtc(2026, 3, 10, 8, 0);
    private static readonly Instant Announced = Arrival + Duration.FromHours(8);
    private static readonly Duration Slot = Duration.FromMinutes(15);

    [Theory]
    [InlineData(0, 0, 8)]
    [InlineData(0.5, 0, 4)]
    [InlineData(0.75, 1, 2)]
    // The held-back finish has passed but the car is still here: the announced time stands.
    [InlineData(0.5, 5, 8)]
    public void PlannedDeparture_Margin_HoldsBackThatShareOfTheStay(double margin, int hoursAfterArrival, int expectedHours)
    {
        var result = DepartureHedge.PlannedDeparture(Arrival, Announced, Arrival + Duration.FromHours(hoursAfterArrival), Slot, margin);

        Assert.Equal(Arrival + Duration.FromHours(expectedHours), result);
    }

    [Fact]
    public void PlannedDeparture_AnnouncedTimePassed_PlansAnHourAhead()
    {
        var now = Announced + Duration.FromMinutes(20);

        Assert.Equal(now + Duration.FromHours(1), DepartureHedge.PlannedDeparture(Arrival, Announced, now, Slot, 0.5));
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(1)]
    [InlineData(double.NaN)]
    public void PlannedDeparture_MarginOutsideRange_Throws(double margin) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => DepartureHedge.PlannedDeparture(Arrival, Announced, Arrival, Slot, margin));
}
