using Scheduler.Optimizer.Solving;
using Scheduler.Optimizer.Solving.Grid;
using Scheduler.Optimizer.Solving.Pricing;
using Scheduler.Optimizer.Solving.Repair;
using Scheduler.Tests.Support;

namespace Scheduler.Tests.Optimizer.Solving.Repair;

public sealed class PeakLowerTests
{
    [Fact]
    public void Apply_PeakAboveWhatTheSessionNeeds_MovesAmpsToLowerIt()
    {
        // 5.52 kWh over an hour at a flat price: 16 + 16 A in two slots peaks at 11.04 kW. Moving amps into the empty
        // slots lowers it; one amp at a time it stops at 11, 11, 10, 0 A (7.59 kW), where the last slot would need a
        // 6 A block that no slot can give without falling below the minimum.
        var model = SlotModel.Build(new ProblemBuilder()
            .Charger("cp", minA: 6)
            .FlatPrice(0.20)
            .DemandCharge(10)
            .Session("s", "cp", 0, 60, kwh: 5.52, maxA: 16)
            .Build());
        var schedule = new Schedule(model);
        schedule.Set(0, 0, 16);
        schedule.Set(0, 1, 16);

        PeakLower.Apply(schedule, new ObjectiveTerms(model), Deadline.Start(null));

        Assert.Equal(5.52, schedule.EnergyKwh(0), 9);
        Assert.Equal(11 * 0.69, schedule.DemandPeaksKw()[0], 6);
    }
}
