using NodaTime;
using Scheduler.Protocols.Planning;

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
        var sessions = Enumerable.Range(0, 12).Select(i => Session($"v-{i}", 0, stayedHours: i < 2 ? 2 : 6, announcedHours: 8)).ToList();

        var habits = DriverHabits.Learn(sessions, Day + Duration.FromDays(2));

        // The tenth percentile of twelve shares (two at 0.25, ten at 0.75) is the second lowest: 0.25.
        Assert.Equal(0.25, habits.StayShare("new")!.Value, 6);
        Assert.Null(DriverHabits.Learn(sessions.Take(5), Day + Duration.FromDays(2)).StayShare("new"));
    }

    [Fact]
    public void StayShare_DriverWhoStaysLonger_IsPlannedToTheAnnouncement()
    {
        var habits = DriverHabits.Learn(Days("v-1", 3, stayedHours: 10, announcedHours: 8), Day + Duration.FromDays(5));

        Assert.Equal(1, habits.StayShare("v-1"));
    }

    private static IEnumerable<EndedSession> Days(string vehicle, int days, double stayedHours, double announcedHours) =>
        Enumerable.Range(0, days).Select(d => Session(vehicle, d, stayedHours, announcedHours));

    private static EndedSession Session(string vehicle, int day, double stayedHours, double announcedHours)
    {
        var arrival = Day + Duration.FromDays(day);
        return new EndedSession(vehicle, arrival, arrival + Duration.FromMinutes(stayedHours * 60), arrival + Duration.FromMinutes(announcedHours * 60), 10, 20);
    }
}
