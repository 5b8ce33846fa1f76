using NodaTime;
using Scheduler.Optimizer.Model;
using Scheduler.Optimizer.Solving;

namespace Scheduler.Tests.Optimizer.Solving.Baseline;

public sealed class UncontrolledBaselineTests
{
    private static readonly Instant Start = Instant.FromUtc(2026, 3, 2, 0, 0);

    [Fact]
    public void Compute_FeederWithAChargerOfItsOwnAboveASubFeeder_CutsTheSubFeederFirstAndFillsTheFeeder()
    {
        // Feeder f (40 A) carries charger a (32 A) directly and sub-feeder s (16 A) with b and c (16 A each). The
        // sub-feeder first: b and c at 8 A each, then the feeder scales 32 + 16 to 40 A. The feeder first would cut
        // 64 A to 40 and then the sub-feeder again, leaving the feeder 4 A under its limit.
        var circuits = new[] { new Circuit("f", null, 40), new Circuit("s", "f", 16) };
        var chargers = new[] { new Charger("a", "f", 32), new Charger("b", "s", 16), new Charger("c", "s", 16) };
        var sessions = chargers.Select(c => new Session($"s-{c.Id}", c.Id, Start, Start + Duration.FromHours(1), 100, 32, 3)).ToList();
        var site = new Site("site", DateTimeZone.Utc, 230, 1_000, circuits, chargers, []);
        var tariff = new Tariff("EUR", [new PriceInterval(Start, Start + Duration.FromHours(1), 0.2)]);
        var problem = new PlanningProblem(site, tariff, [], sessions, new PlanningWindow(Start, Start + Duration.FromHours(1), Duration.FromMinutes(15)));

        var baseline = ChargingSolver.Solve(problem).Baseline;

        Assert.Equal(40 * 230 * 3 / 1000.0, baseline.DeliveredKwh, 6);
        Assert.Equal(40 * 230 * 3 / 1000.0, baseline.PeakKw, 6);
    }
}
