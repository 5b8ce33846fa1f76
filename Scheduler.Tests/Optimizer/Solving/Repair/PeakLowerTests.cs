using Scheduler.Optimizer.Solving;
using Scheduler.Optimizer.Solving.Grid;
using Scheduler.Optimizer.Solving.Pricing;
using Scheduler.Optimizer.Solving.Repair;
using Scheduler.Tests.Support;

namespace Scheduler.Tests.Optimizer.Solving.Repair;

public sealed class PeakLowerTests
{
    [Fact]
    public void Apply_PeakAboveWhatTheSessionNeeds_LowersItToTheEvenSpread()
    {
        // 5.52 kWh over an hour at a flat price: 16 + 16 A in two slots peaks at 11.04 kW. Moving amps into the empty
        // slots lowers it to 11, 11, 10, 0 A, where the last slot would need a 6 A block that no slot can give. One
        // amp left undelivered within the rounding passes that point; the slot it opens takes that amp back under the
        // lower peak: 8 A throughout (5.52 kW), the whole request.
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
        Assert.Equal([8, 8, 8, 8], schedule.Currents[0]);
        Assert.Equal(8 * 0.69, schedule.DemandPeaksKw()[0], 6);
    }

    [Fact]
    public void Apply_NoRoomAnywhereUnderTheLowerPeak_LeavesLessThanAnAmpSlotUndelivered()
    {
        // 21 amp-slots over two slots: 11 + 10 A peaks at 11 A, and no move keeps all of it under 10 A. The last amp
        // of slot 0 is within the session's rounding (one amp-slot, priced at the energy's price plus a margin), so
        // it is left undelivered, as the relaxation would, and the peak falls by an amp's 6.9 USD of demand charge.
        var model = SlotModel.Build(new ProblemBuilder()
            .Slots(2)
            .Charger("cp", minA: 6)
            .FlatPrice(0.20)
            .DemandCharge(10)
            .Session("s", "cp", 0, 30, kwh: 21 * 0.1725, maxA: 16)
            .Build());
        var terms = new ObjectiveTerms(model);
        var schedule = new Schedule(model);
        schedule.Set(0, 0, 11);
        schedule.Set(0, 1, 10);

        PeakLower.Apply(schedule, terms, Deadline.Start(null));

        Assert.Equal(10 * 0.69, schedule.DemandPeaksKw()[0], 6);
        Assert.Equal(0.1725, schedule.MissingKwh(0), 6);
        Assert.False(terms.IsShortBeyondRounding(model, model.Sessions[0], schedule.MissingKwh(0)));
    }
}
