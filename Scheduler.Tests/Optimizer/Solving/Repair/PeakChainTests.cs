using Scheduler.Optimizer.Solving;
using Scheduler.Optimizer.Solving.Grid;
using Scheduler.Optimizer.Solving.Repair;
using Scheduler.Tests.Support;

namespace Scheduler.Tests.Optimizer.Solving.Repair;

public sealed class PeakChainTests
{
    /// <summary>What one amp of a three-phase session at 230 V adds to a whole slot's import, in kW.</summary>
    private const double AmpKw = 0.69;

    [Fact]
    public void MoveOne_NoSessionOfTheSlotReachesRoom_PassesTheAmpAlongAChain()
    {
        // Slot 0 is one amp over its cap. Session a can only move into slot 1, which is at its cap; session b, in
        // slots 1 and 2, can move one of its amps on into slot 2, which has room. Each keeps its energy.
        var model = Model();
        var schedule = new Schedule(model);
        Set(schedule, 0, 10, 8);
        Set(schedule, 1, 8, 6);

        var moved = PeakChain.MoveOne(schedule, 0, [9 * AmpKw, 16 * AmpKw, 16 * AmpKw]);

        Assert.True(moved);
        Assert.Equal([9, 9], schedule.Currents[0]);
        Assert.Equal([7, 7], schedule.Currents[1]);
        Assert.Equal(9 * AmpKw, schedule.AverageImportKw(0), 9);
        Assert.Equal(16 * AmpKw, schedule.AverageImportKw(1), 9);
    }

    [Fact]
    public void MoveOne_ChainEndsOnlyAtAFullSlot_LeavesTheScheduleAsItWas()
    {
        var model = Model();
        var schedule = new Schedule(model);
        Set(schedule, 0, 10, 8);
        Set(schedule, 1, 8, 6);

        var moved = PeakChain.MoveOne(schedule, 0, [9 * AmpKw, 16 * AmpKw, 6 * AmpKw]);

        Assert.False(moved);
        Assert.Equal([10, 8], schedule.Currents[0]);
        Assert.Equal([8, 6], schedule.Currents[1]);
    }

    [Fact]
    public void MoveOne_GiverWouldFallBelowItsMinimum_FindsNoChain()
    {
        // Session b runs its 6 A minimum in slot 1: it cannot give an amp there, so the chain has no second link.
        var model = Model();
        var schedule = new Schedule(model);
        Set(schedule, 0, 10, 10);
        Set(schedule, 1, 6, 6);

        var moved = PeakChain.MoveOne(schedule, 0, [9 * AmpKw, 16 * AmpKw, 16 * AmpKw]);

        Assert.False(moved);
        Assert.Equal([10, 10], schedule.Currents[0]);
    }

    [Fact]
    public void MoveOne_ChainEndsAtASlotTheLastSessionDoesNotUse_OpensItAtTheMinimum()
    {
        // Session a's amp can only go to slot 1, at its cap; session b there does not use slot 2, which has room.
        // b opens slot 2 at its 6 A minimum with 6 of its 12 A in slot 1, which ends below its cap.
        var model = Model();
        var schedule = new Schedule(model);
        Set(schedule, 0, 10, 8);
        Set(schedule, 1, 12, 0);

        var moved = PeakChain.MoveOne(schedule, 0, [9 * AmpKw, 20 * AmpKw, 16 * AmpKw]);

        Assert.True(moved);
        Assert.Equal([9, 9], schedule.Currents[0]);
        Assert.Equal([6, 6], schedule.Currents[1]);
    }

    [Fact]
    public void MoveOne_SlotBetweenAtTheSitesLimit_PassesThroughIt()
    {
        // Slot 1 is at the site's limit as well as its cap: session a's amp fits there only because b's leaves.
        var model = Model(gridLimitKw: 16 * AmpKw);
        var schedule = new Schedule(model);
        Set(schedule, 0, 10, 8);
        Set(schedule, 1, 8, 6);

        var moved = PeakChain.MoveOne(schedule, 0, [9 * AmpKw, 16 * AmpKw, 16 * AmpKw]);

        Assert.True(moved);
        Assert.Equal([9, 9], schedule.Currents[0]);
        Assert.Equal([7, 7], schedule.Currents[1]);
        Assert.Equal(16 * AmpKw, schedule.ChargingKw(1), 9);
    }

    private static SlotModel Model(double gridLimitKw = 1000) =>
        SlotModel.Build(new ProblemBuilder()
            .Slots(3)
            .GridLimit(gridLimitKw)
            .FlatPrice(0.20)
            .DemandCharge(10)
            .Charger("cp1", minA: 6)
            .Charger("cp2", minA: 6)
            .Session("a", "cp1", 0, 30, kwh: 18 * 0.1725, maxA: 16)
            .Session("b", "cp2", 15, 45, kwh: 14 * 0.1725, maxA: 16)
            .Build());

    private static void Set(Schedule schedule, int i, params int[] currents)
    {
        for (var j = 0; j < currents.Length; j++)
        {
            schedule.Set(i, j, currents[j]);
        }
    }
}
