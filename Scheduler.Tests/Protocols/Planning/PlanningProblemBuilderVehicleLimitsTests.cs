using NodaTime;
using Scheduler.Optimizer.Model;
using Scheduler.Protocols.Planning;

namespace Scheduler.Tests.Protocols.Planning;

/// <summary>The vehicle's own limits (ISO 15118 charging needs) in the planning problem: they tighten the charger's, never loosen them.</summary>
public sealed class PlanningProblemBuilderVehicleLimitsTests
{
    private static readonly Instant Now = Instant.FromUtc(2026, 3, 10, 9, 0);

    [Fact]
    public void Build_VehicleLimitsWithinTheCharger_ReplaceItsDefaults()
    {
        var session = Build(Plugged() with { MaxCurrentA = 10, MinCurrentA = 8, Phases = 1, DepartureSource = "vehicle", EnergySource = "vehicle" });

        Assert.Equal((10.0, 8.0, 1), (session.Problem.Sessions[0].MaxCurrentA, session.Problem.Sessions[0].MinCurrentA!.Value, session.Problem.Sessions[0].Phases));
        Assert.Equal(("vehicle", "vehicle"), (session.Sessions[0].Departure, session.Sessions[0].Energy));
    }

    [Fact]
    public void Build_VehicleLimitsBeyondTheCharger_KeepTheCharger()
    {
        var session = Build(Plugged() with { MaxCurrentA = 32, MinCurrentA = 4, Phases = 3 }).Problem.Sessions[0];

        Assert.Equal((16.0, 3), (session.MaxCurrentA, session.Phases));
        Assert.Null(session.MinCurrentA);
    }

    private static PlanningRequest Build(PluggedSession session) => PlanningProblemBuilder.Build(new SiteSnapshot
    {
        Site = new Site("s", DateTimeZoneProviders.Tzdb["Etc/UTC"], 230, 100, [], [new Charger("cp-1", null, 16, 6, 3)], []),
        Currency = "EUR",
        Prices = [new PriceInterval(Now, Now + Duration.FromDays(1), 0.2)],
        Sessions = [session],
        Now = Now,
    });

    private static PluggedSession Plugged() => new()
    {
        Id = "s-1",
        ChargerId = "cp-1",
        Arrival = Now,
        AnnouncedDeparture = Now + Duration.FromHours(8),
        AnnouncedEnergyKwh = 20,
    };
}
