using NodaTime;
using Scheduler.Optimizer.Model;

namespace Scheduler.Tests.Support;

public sealed class ProblemBuilderTests
{
    [Fact]
    public void Build_Defaults_FourQuarterHoursInUtcAt230Volts()
    {
        var problem = new ProblemBuilder().Charger("cp").Session("s", "cp", 7, 52, kwh: 1).Build();

        Assert.Equal(Instant.FromUtc(2026, 3, 2, 8, 0), problem.Window.Start);
        Assert.Equal(4, problem.Window.SlotCount);
        Assert.Equal(Duration.FromMinutes(15), problem.Window.SlotLength);
        Assert.Equal(230, problem.Site.VoltageV);
        Assert.Equal(DateTimeZone.Utc, problem.Site.TimeZone);
        Assert.Equal(Instant.FromUtc(2026, 3, 2, 8, 7), problem.Sessions[0].Arrival);
        Assert.Empty(ProblemValidator.Validate(problem));
    }

    [Theory]
    [InlineData("2026-06-10T12:00", 10)]
    [InlineData("2026-06-10T12:00Z", 12)]
    [InlineData("2026-06-10T12:00+01:00", 11)]
    public void Build_StartInTheSitesZone_ResolvesLocalTimesThere(string start, int utcHour)
    {
        var problem = new ProblemBuilder().InZone("Europe/Amsterdam").StartingAt(start).Build();

        Assert.Equal(Instant.FromUtc(2026, 6, 10, utcHour, 0), problem.Window.Start);
    }

    [Theory]
    [InlineData("2026-03-29T00:00", "2026-03-30T00:00", 92)]
    [InlineData("2026-10-25T00:00", "2026-10-26T00:00", 100)]
    [InlineData("2026-06-10T00:00", "2026-06-11T00:00", 96)]
    public void Build_LocalDay_HasTheSlotsOfItsLength(string localStart, string localEnd, int slots)
    {
        var problem = new ProblemBuilder().InZone("Europe/Amsterdam").StartingAt(localStart).EndingAtLocal(localEnd).Build();

        Assert.Equal(slots, problem.Window.SlotCount);
    }

    [Fact]
    public void Build_SlotPricesOfTheWrongCount_Throws()
    {
        var builder = new ProblemBuilder().Slots(4).SlotPrices(0.1, 0.2);

        Assert.Throws<InvalidOperationException>(builder.Build);
    }
}
