using NodaTime;
using Scheduler.Functions.Departures;
using Scheduler.Functions.Sessions;
using Scheduler.Functions.Sites;
using Scheduler.Protocols.Messages;

namespace Scheduler.Tests.Functions.Sessions;

public sealed class SessionAnnouncementsTests
{
    private static readonly Instant Arrival = Instant.FromUtc(2026, 3, 9, 17, 0);
    private static readonly Instant AppDeparture = Instant.FromUtc(2026, 3, 10, 6, 0);
    private static readonly Instant CarDeparture = Instant.FromUtc(2026, 3, 10, 8, 0);
    private static readonly ChargerRecord Charger = new() { Id = "cp-1", MaxCurrentA = 32, MinCurrentA = 6, Phases = 3, MaxSchedulePeriods = 24 };

    [Fact]
    public void Resolve_NoVehicleNeeds_KeepsTheDriverAndTheCharger()
    {
        var driver = Driver(sentAt: Arrival);

        var resolved = SessionAnnouncements.Resolve(Session(null, null), driver, Charger, Site());

        Assert.Equal((AppDeparture, "driver", 25.0, "driver"), (resolved.Departure!.Value, resolved.DepartureSource, resolved.EnergyKwh!.Value, resolved.EnergySource));
        Assert.Equal(new SessionLimits(32, null, 3, 24, "charger"), resolved.Limits);
        Assert.Empty(resolved.Note);
    }

    [Theory]
    [InlineData(DepartureAuthority.Newest, 10, "vehicle")] // the car spoke 10 minutes after the app
    [InlineData(DepartureAuthority.Newest, -10, "driver")] // the app spoke last
    [InlineData(DepartureAuthority.Driver, 10, "driver")]
    [InlineData(DepartureAuthority.Vehicle, -10, "vehicle")]
    public void Resolve_BothAnnouncedADeparture_FollowsTheSiteRule(string authority, int carMinutesAfterApp, string expected)
    {
        var appAt = Arrival + Duration.FromMinutes(30);
        var session = Session(Needs(departure: CarDeparture), appAt + Duration.FromMinutes(carMinutesAfterApp));

        var resolved = SessionAnnouncements.Resolve(session, Driver(sentAt: appAt), Charger, Site(authority));

        Assert.Equal(expected, resolved.DepartureSource);
        Assert.Equal(expected == "vehicle" ? CarDeparture : AppDeparture, resolved.Departure);
        Assert.Contains(expected == "vehicle" ? "from the vehicle" : "from the app", resolved.Note, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_VehicleNeedsLessThanTheDriverAsked_PlansTheVehicleEnergyFromWhenItSpoke()
    {
        var session = Session(Needs(energyWh: 12_000), Arrival + Duration.FromMinutes(5)) with { EvNeedsDeliveredKwh = 1.5 };

        var resolved = SessionAnnouncements.Resolve(session, Driver(sentAt: Arrival), Charger, Site());

        Assert.Equal((13.5, "vehicle"), (resolved.EnergyKwh!.Value, resolved.EnergySource));
        Assert.Contains("below the 25 kWh asked in the app", resolved.Note, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_DriverAsksLessThanTheVehicleTakes_KeepsTheDriver()
    {
        var resolved = SessionAnnouncements.Resolve(Session(Needs(energyWh: 60_000), Arrival), Driver(sentAt: Arrival), Charger, Site());

        Assert.Equal((25.0, "driver"), (resolved.EnergyKwh!.Value, resolved.EnergySource));
    }

    [Fact]
    public void Resolve_OnePhaseVehicleWithItsOwnLimits_ReplacesTheChargerDefaults()
    {
        var needs = Needs(transfer: EvEnergyTransfer.AcSinglePhase, minA: 10, maxA: 20, tuples: 8);

        var limits = SessionAnnouncements.Resolve(Session(needs, Arrival), null, Charger, Site()).Limits;

        Assert.Equal(new SessionLimits(20, 10, 1, 8, "vehicle"), limits);
    }

    [Fact]
    public void Resolve_VehicleMinimumAboveWhatTheChargerGives_PlansNothing()
    {
        var small = Charger with { MaxCurrentA = 8 };

        var resolved = SessionAnnouncements.Resolve(Session(Needs(minA: 10, maxA: 32), Arrival), null, small, Site());

        Assert.False(resolved.Limits.CanCharge);
        Assert.Null(resolved.Limits.MinCurrentA);
        Assert.Equal((0.0, "vehicle"), (resolved.EnergyKwh!.Value, resolved.EnergySource));
    }

    [Fact]
    public void Resolve_DcVehicle_TakesItsPowerAsAmpsAndItsEnergyFromItsStateOfCharge()
    {
        var dc = new DcChargingParameters(100, 400, evMaxPowerW: 11_040, stateOfChargePercent: 40, evEnergyCapacityWh: 50_000);
        var needs = new EvChargingNeeds(1, EvEnergyTransfer.Dc, null, null, dc);

        var resolved = SessionAnnouncements.Resolve(Session(needs, Arrival), null, Charger, Site());

        Assert.Equal(16, resolved.Limits.MaxCurrentA);
        Assert.Equal((30.0, "vehicle"), (resolved.EnergyKwh!.Value, resolved.EnergySource));
    }

    private static EvChargingNeeds Needs(
        Instant? departure = null, int energyWh = 30_000, EvEnergyTransfer transfer = EvEnergyTransfer.AcThreePhase, int minA = 6, int maxA = 32, int? tuples = null) =>
        new(1, transfer, departure, new AcChargingParameters(energyWh, minA, maxA, 400), null, tuples);

    private static SessionRecord Session(EvChargingNeeds? needs, Instant? needsAt) => new()
    {
        Id = "cp-1:tx-1",
        ChargerId = "cp-1",
        TransactionId = "tx-1",
        Arrival = Arrival,
        EvNeedsJson = needs is null ? null : EvChargingNeedsWriter.Write(needs),
        EvNeedsAt = needsAt,
    };

    private static DepartureRecord Driver(Instant sentAt) => new(AppDeparture, 25, sentAt, sentAt, "d-1");

    private static SiteRecord Site(string authority = DepartureAuthority.Newest) => TestSites.Depot(settings: new SiteSettings { DepartureAuthority = authority });
}
