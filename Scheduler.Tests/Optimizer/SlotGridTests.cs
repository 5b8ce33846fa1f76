using NodaTime;
using Scheduler.Optimizer.Model;

namespace Scheduler.Tests.Optimizer;

public sealed class SlotGridTests
{
    private static readonly Duration Quarter = Duration.FromMinutes(15);

    [Theory]
    [InlineData(12, 7, 12, 0, 12, 15)]
    [InlineData(12, 0, 12, 0, 12, 0)]
    [InlineData(23, 59, 23, 45, 0, 0)]
    public void FloorAndCeiling_Instant_SlotBoundaries(int hour, int minute, int floorHour, int floorMinute, int ceilingHour, int ceilingMinute)
    {
        var instant = Instant.FromUtc(2026, 3, 10, hour, minute);
        var day = ceilingHour < hour ? 11 : 10;

        Assert.Equal(Instant.FromUtc(2026, 3, 10, floorHour, floorMinute), SlotGrid.Floor(instant, Quarter));
        Assert.Equal(Instant.FromUtc(2026, 3, day, ceilingHour, ceilingMinute), SlotGrid.Ceiling(instant, Quarter));
    }

    [Fact]
    public void Floor_BeforeTheEpoch_RoundsDown() =>
        Assert.Equal(Instant.FromUtc(1969, 12, 31, 23, 45), SlotGrid.Floor(Instant.FromUtc(1969, 12, 31, 23, 59), Quarter));
}
