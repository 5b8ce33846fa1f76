using NodaTime;
using Scheduler.Protocols.History;

namespace Scheduler.Tests.Protocols.History;

public class HistoricalSessionTests
{
    private static readonly Instant At = Instant.FromUtc(2026, 3, 10, 7, 45);

    [Fact]
    public void Constructor_DepartureNotAfterArrival_Throws()
    {
        Assert.Throws<ArgumentException>(() => new HistoricalSession("a", null, At, At, 1, []));
    }

    [Fact]
    public void Constructor_NegativeEnergy_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new HistoricalSession("a", null, At, At + Duration.FromHours(1), -0.1, []));
    }

    [Fact]
    public void Constructor_AnnouncementsOutOfOrder_Throws()
    {
        Announcement[] said = [new(At + Duration.FromMinutes(5), null, 10), new(At, null, 20)];

        Assert.Throws<ArgumentException>(() => new HistoricalSession("a", null, At, At + Duration.FromHours(1), 1, said));
    }
}
