using NodaTime;
using Scheduler.Protocols.Planning;
using Scheduler.Protocols.Sessions;

namespace Scheduler.Tests.Protocols.Planning;

public sealed class DriverHabitsTests
{
    private static readonly Instant Day = Instant.FromUtc(2026, 3, 2, 8, 0);

    [Fact]
    public void Learn_VehicleThatLeavesHalfwayEveryDay_PlansHalfTheAnnouncedStay()
    {
        var habits = DriverHabits.Learn(Days("v-1", 5, stayedHours: 4, announcedHours: 8), Day + Duration.FromDays(10));

        Assert.Equal(0.5, habits.StayShare("v-1")!.Value, 6);
        Assert.True(habits.Knows("v-1"));
    }

    [Fact]
    public void Learn_SessionStillRunningAtThePlanningInstant_IsNotLearnedFrom()
    {
        // Two ended sessions at a full stay, and a third that leaves early but only after the planning instant.
        var sessions = Days("v-1", 2, stayedHours: 8, announcedHours: 8).Append(Session("v-1", 2, stayedHours: 1, announcedHours: 8)).ToList();
        var now = Day + Duration.FromDays(2) + Duration.FromMinutes(30);

        var habits = DriverHabits.Learn(sessions, now);

        Assert.False(habits.Knows("v-1"));
        Assert.Equal(2, habits.LearnedFrom);
    }

    [Fact]
    public void StayShare_NewDriver_TakesTheSitesQuantileOnceTheSiteHasEnough()
    {
        var sessions = Enumerable.Range(0, 12).Select(i => Session($"v-{i}", 0, stayedHours: i < 3 ? 2 : 6, announcedHours: 8)).ToList();

        var habits = DriverHabits.Learn(sessions, Day + Duration.FromDays(2));

        // A new driver gets the site's 25th percentile: of twelve shares (three at 0.25, nine at 0.75), the third lowest.
        Assert.Equal(0.25, habits.StayShare("new")!.Value, 6);
        Assert.Null(DriverHabits.Learn(sessions.Take(5), Day + Duration.FromDays(2)).StayShare("new"));
    }

    [Fact]
    public void StayShare_DriverWhoStaysLonger_IsPlannedToTheirLongerStay()
    {
        var habits = DriverHabits.Learn(Days("v-1", 3, stayedHours: 10, announcedHours: 8), Day + Duration.FromDays(5));

        Assert.Equal(1.25, habits.StayShare("v-1")!.Value, 6);
    }

    [Fact]
    public void StayShare_DriverWhoStaysFarLonger_IsCappedAtTheLargestShareAPlanCountsOn()
    {
        var habits = DriverHabits.Learn(Days("v-1", 3, stayedHours: 20, announcedHours: 1), Day + Duration.FromDays(5));

        Assert.Equal(DepartureHedge.MaxStayShare, habits.StayShare("v-1")!.Value, 6);
    }

    [Fact]
    public void StayShare_SiteWhoseDriversStayLonger_PlansANewDriverToTheAnnouncement()
    {
        var sessions = Days("v-0", 3, stayedHours: 12, announcedHours: 8)
            .Concat(Enumerable.Range(1, 9).Select(i => Session($"v-{i}", 0, stayedHours: 12, announcedHours: 8)))
            .ToList();

        var habits = DriverHabits.Learn(sessions, Day + Duration.FromDays(5));

        Assert.Equal(1.5, habits.StayShare("v-0")!.Value, 6);
        Assert.Equal(1, habits.StayShare("new"));
    }

    [Fact]
    public void EnergyShare_VehicleWithRequests_IsTheMedianOfWhatItTookOverWhatWasAsked()
    {
        // Asked 20 kWh each time, took 5, 30 (counted as the whole request) and 10: shares 0.25, 1 and 0.5.
        var sessions = new[] { 5.0, 30, 10 }
            .Select((took, d) => Session("v-1", d, stayedHours: 8, announcedHours: 8) with { EnergyKwh = took })
            .Append(Session("v-2", 0, 8, 8) with { AnnouncedEnergyKwh = null })
            .ToList();

        var habits = DriverHabits.Learn(sessions, Day + Duration.FromDays(5));

        Assert.Equal(0.5, habits.EnergyShare("v-1")!.Value, 6);
        Assert.Null(habits.EnergyShare("v-2"));
        Assert.Null(habits.EnergyShare("new"));
        Assert.Null(DriverHabits.None.EnergyShare("v-1"));
    }

    private static IEnumerable<EndedSession> Days(string vehicle, int days, double stayedHours, double announcedHours) =>
        Enumerable.Range(0, days).Select(d => Session(vehicle, d, stayedHours, announcedHours));

    private static EndedSession Session(string vehicle, int day, double stayedHours, double announcedHours)
    {
        var arrival = Day + Duration.FromDays(day);
        return new EndedSession(vehicle, arrival, arrival + Duration.FromMinutes(stayedHours * 60), arrival + Duration.FromMinutes(announcedHours * 60), 10, 20);
    }
}
