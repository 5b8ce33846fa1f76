using NodaTime;
using Scheduler.Optimizer.Model;
using Scheduler.Protocols.Billing;
using Scheduler.Protocols.Planning;

namespace Scheduler.Tests.Protocols.Planning;

public sealed class PlanningProblemBuilderTests
{
    private static readonly DateTimeZone Utc = DateTimeZoneProviders.Tzdb["Etc/UTC"];
    private static readonly Instant Now = Instant.FromUtc(2026, 3, 10, 9, 7);
    private static readonly Instant Arrival = Instant.FromUtc(2026, 3, 10, 8, 0);

    [Fact]
    public void Build_AnnouncedSession_FromNowToItsDepartureInSlotsFromTheNowSlot()
    {
        var request = PlanningProblemBuilder.Build(Snapshot(Plugged(departureHour: 17, energyKwh: 20, deliveredKwh: 5)));

        var session = Assert.Single(request.Problem.Sessions);
        Assert.Equal(Now, session.Arrival);
        Assert.Equal(Instant.FromUtc(2026, 3, 10, 17, 0), session.Departure);
        Assert.Equal(15, session.EnergyKwh, 6);
        Assert.Equal(Instant.FromUtc(2026, 3, 10, 9, 0), request.Problem.Window.Start);
        Assert.Equal(Instant.FromUtc(2026, 3, 10, 17, 0), request.Problem.Window.End);
        Assert.Equal("driver", request.Sessions[0].Departure);
        Assert.Equal(0, request.Options.ExactStageMaxPairs);
    }

    [Fact]
    public void Build_PlannedInsideASlot_CarriesWhatTheSlotDrewSoFar()
    {
        var inside = PlanningProblemBuilder.Build(Snapshot(Plugged(departureHour: 17, energyKwh: 20, deliveredKwh: 5)) with { DrawnThisSlotKwh = 1.5 });
        var onTheGrid = PlanningProblemBuilder.Build(Snapshot(Plugged(departureHour: 17, energyKwh: 20, deliveredKwh: 5)) with
        {
            Now = Instant.FromUtc(2026, 3, 10, 9, 0),
            DrawnThisSlotKwh = 1.5,
        });

        Assert.Equal(1.5, inside.Problem.DrawnSoFarKwh);
        Assert.Equal(0, onTheGrid.Problem.DrawnSoFarKwh);
    }

    [Fact]
    public void Build_ByDefault_PlansTheLearnedShareFirmlyAndTheRestToFullAsTopUp()
    {
        // This driver's vehicle takes half of what they ask. Asked 20 kWh with 5 taken: 5 more firmly, and the rest of
        // what the charger can give from 09:07 to 17:00 as top-up; a site tops up unless told not to.
        var history = Enumerable.Range(1, 4)
            .Select(d => new EndedSession("v-1", Arrival - Duration.FromDays(d), Arrival - Duration.FromDays(d) + Duration.FromHours(9), Arrival - Duration.FromDays(d) + Duration.FromHours(9), 10, 20))
            .ToList();
        var snapshot = Snapshot(Plugged(departureHour: 17, energyKwh: 20, deliveredKwh: 5)) with { Habits = DriverHabits.Learn(history, Now) };

        var request = PlanningProblemBuilder.Build(snapshot);

        var session = Assert.Single(request.Problem.Sessions);
        Assert.Equal(5, session.EnergyKwh, 6);
        var chargerKw = snapshot.Site.Chargers[0].MaxCurrentA * snapshot.Site.Chargers[0].Phases * snapshot.Site.VoltageV / 1000;
        Assert.Equal((chargerKw * (session.Departure - session.Arrival).TotalHours) - 5, session.TopUpKwh, 3);
        Assert.Equal("driver-learned", request.Sessions[0].Energy);

        // A site that does not top up plans the whole request firmly and nothing beyond it.
        var firm = Assert.Single(PlanningProblemBuilder.Build(snapshot with { Defaults = new PlanningDefaults { TopUpToFull = false } }).Problem.Sessions);
        Assert.Equal(15, firm.EnergyKwh, 6);
        Assert.Equal(0, firm.TopUpKwh);
    }

    [Fact]
    public void Build_FullVehicleOnASiteThatTopsUp_GetsNoTopUp()
    {
        var full = Plugged(departureHour: 17, energyKwh: 20, deliveredKwh: 5) with { MeterPowerW = 0, AllowedBeforeMeterKwh = 0.5 };

        var request = PlanningProblemBuilder.Build(Snapshot(full) with { Defaults = new PlanningDefaults { TopUpToFull = true } });

        Assert.Equal(0, request.Problem.Sessions[0].TopUpKwh);
    }

    [Fact]
    public void Build_VehicleStoppedDrawingWhileAllowed_IsFullAndGetsNothingMore()
    {
        var full = Plugged(departureHour: 17, energyKwh: 20, deliveredKwh: 5) with { MeterPowerW = 0, AllowedBeforeMeterKwh = 0.5 };

        var request = PlanningProblemBuilder.Build(Snapshot(full));

        Assert.Equal("full", request.Sessions[0].Energy);
        Assert.Equal(0, request.Problem.Sessions[0].EnergyKwh);
    }

    [Fact]
    public void Build_VehicleNotDrawingBecauseThePlanSaidSo_IsNotFull()
    {
        var idle = Plugged(departureHour: 17, energyKwh: 20, deliveredKwh: 5) with { MeterPowerW = 0, AllowedBeforeMeterKwh = 0 };

        Assert.Equal("driver", PlanningProblemBuilder.Build(Snapshot(idle)).Sessions[0].Energy);
    }

    [Fact]
    public void Build_DriverWithLearnedHabits_PlannedToTheLearnedShareOfTheStay()
    {
        // Arrived 08:00 announcing 18:00 (ten hours); this driver stays 40 % of what they announce.
        var history = Enumerable.Range(1, 4)
            .Select(d => new EndedSession("v-1", Arrival - Duration.FromDays(d), Arrival - Duration.FromDays(d) + Duration.FromHours(4), Arrival - Duration.FromDays(d) + Duration.FromHours(10), 10, 10))
            .ToList();
        var snapshot = Snapshot(Plugged(departureHour: 18, energyKwh: 10, deliveredKwh: 0)) with { Habits = DriverHabits.Learn(history, Now) };

        var request = PlanningProblemBuilder.Build(snapshot);

        Assert.Equal(Instant.FromUtc(2026, 3, 10, 12, 0), request.Sessions[0].PlannedDeparture);
        Assert.Equal("driver-learned", request.Sessions[0].Departure);
        Assert.Equal(Instant.FromUtc(2026, 3, 10, 18, 0), request.Sessions[0].AnnouncedDeparture);
    }

    [Fact]
    public void Build_DriverWhoStaysLonger_PlannedPastTheAnnouncement()
    {
        // Arrived 08:00 announcing 12:00 (four hours); this driver stays half as long again as they announce.
        var history = Enumerable.Range(1, 4)
            .Select(d => new EndedSession("v-1", Arrival - Duration.FromDays(d), Arrival - Duration.FromDays(d) + Duration.FromHours(6), Arrival - Duration.FromDays(d) + Duration.FromHours(4), 10, 10))
            .ToList();
        var snapshot = Snapshot(Plugged(departureHour: 12, energyKwh: 10, deliveredKwh: 0)) with { Habits = DriverHabits.Learn(history, Now) };

        var request = PlanningProblemBuilder.Build(snapshot);

        Assert.Equal(Instant.FromUtc(2026, 3, 10, 14, 0), request.Sessions[0].PlannedDeparture);
        Assert.Equal("driver-learned", request.Sessions[0].Departure);
        Assert.Equal(Instant.FromUtc(2026, 3, 10, 14, 0), request.Problem.Sessions[0].Departure);
    }

    [Fact]
    public void Build_NothingLearned_FallsBackToTheMargin()
    {
        var snapshot = Snapshot(Plugged(departureHour: 18, energyKwh: 10, deliveredKwh: 0)) with { Defaults = new PlanningDefaults { DepartureMargin = 0.5 } };

        var request = PlanningProblemBuilder.Build(snapshot);

        Assert.Equal(Instant.FromUtc(2026, 3, 10, 13, 0), request.Sessions[0].PlannedDeparture);
        Assert.Equal("driver-hedged", request.Sessions[0].Departure);
    }

    [Fact]
    public void Build_RecordedPeak_GivenToTheChargeOfThePeriodOnly()
    {
        var march = new DemandCharge("demand-2026-03", 10, [new Interval(Instant.FromUtc(2026, 3, 1, 0, 0), Instant.FromUtc(2026, 4, 1, 0, 0))]);
        var april = new DemandCharge("demand-2026-04", 10, [new Interval(Instant.FromUtc(2026, 4, 1, 0, 0), Instant.FromUtc(2026, 5, 1, 0, 0))]);
        var peaks = RecordedPeaks.From([new("demand-2026-03", 12.5)]);
        var snapshot = Snapshot(Plugged(departureHour: 17, energyKwh: 20, deliveredKwh: 0)) with { DemandCharges = [march, april], Peaks = peaks };

        var charge = Assert.Single(PlanningProblemBuilder.Build(snapshot).Problem.Tariff.DemandCharges);

        Assert.Equal("demand-2026-03", charge.Id);
        Assert.Equal(12.5, charge.PeakSoFarKw);
    }

    [Fact]
    public void Build_NoSessions_PlansTheMinimumWindowCutWherePricesEnd()
    {
        var snapshot = Snapshot() with { Prices = [new PriceInterval(Instant.FromUtc(2026, 3, 10, 9, 0), Instant.FromUtc(2026, 3, 10, 9, 40), 0.2)] };

        var window = PlanningProblemBuilder.Build(snapshot).Problem.Window;

        Assert.Equal(Instant.FromUtc(2026, 3, 10, 9, 30), window.End);
        Assert.Equal(Instant.FromUtc(2026, 3, 10, 10, 0), PlanningProblemBuilder.NeededWindow(snapshot, []).End);
    }

    private static PluggedSession Plugged(int departureHour, double energyKwh, double deliveredKwh) => new()
    {
        Id = "s-1",
        ChargerId = "cp-1",
        VehicleId = "v-1",
        Arrival = Arrival,
        AnnouncedDeparture = Instant.FromUtc(2026, 3, 10, departureHour, 0),
        AnnouncedEnergyKwh = energyKwh,
        DeliveredKwh = deliveredKwh,
    };

    private static SiteSnapshot Snapshot(params PluggedSession[] sessions) => new()
    {
        Site = new Site("s", Utc, 230, 100, [], [new Charger("cp-1", null, 16, 6, 3)], []),
        Currency = "EUR",
        Prices = [new PriceInterval(Instant.FromUtc(2026, 3, 10, 0, 0), Instant.FromUtc(2026, 3, 12, 0, 0), 0.2)],
        Sessions = sessions,
        Now = Now,
    };
}
