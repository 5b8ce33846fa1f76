using Scheduler.Optimizer.Solving;
using Scheduler.Optimizer.Solving.Grid;
using Scheduler.Optimizer.Solving.Repair;
using Scheduler.Tests.Support;

namespace Scheduler.Tests.Optimizer.Solving.Repair;

/// <summary>At 230 V three-phase one amp is 0.69 kW; the chargers have a 6 A minimum.</summary>
public sealed class PeakRaiseTests
{
    [Fact]
    public void OpensRoom_PeakBindsBelowTheSitesLimit_ARaiseOfTheMinimumOpensRoom()
    {
        var (schedule, peaks) = ShortSessionBesideARunningOne(gridLimitKw: 20);

        Assert.True(PeakRaise.OpensRoom(schedule, peaks, 0, 6 * 0.69, [0]));
    }

    [Fact]
    public void OpensRoom_SitesLimitBinds_NoRaiseOpensRoom()
    {
        // The site's limit leaves nothing beside the running session, whatever the peak.
        var (schedule, peaks) = ShortSessionBesideARunningOne(gridLimitKw: 16 * 0.69);

        Assert.False(PeakRaise.OpensRoom(schedule, peaks, 0, 10 * 0.69, [0]));
    }

    [Fact]
    public void OpensRoom_RaiseSmallerThanTheMinimum_OpensNoRoomForASessionThatIsOff()
    {
        var (schedule, peaks) = ShortSessionBesideARunningOne(gridLimitKw: 20);

        Assert.False(PeakRaise.OpensRoom(schedule, peaks, 0, 5 * 0.69, [0]));
    }

    // "short" is off in the only slot; "running" draws 16 A, which is the peak so far.
    private static (Schedule Schedule, PeakThresholds Peaks) ShortSessionBesideARunningOne(double gridLimitKw)
    {
        var model = SlotModel.Build(new ProblemBuilder().Slots(1).GridLimit(gridLimitKw).DemandCharge(10)
            .Charger("a", minA: 6).Charger("b", minA: 6)
            .Session("short", "a", 0, 15, kwh: 2, maxA: 16)
            .Session("running", "b", 0, 15, kwh: 16 * 0.1725, maxA: 16)
            .Build());
        var schedule = new Schedule(model);
        schedule.Set(1, 0, 16);
        return (schedule, PeakThresholds.Current(schedule));
    }
}
