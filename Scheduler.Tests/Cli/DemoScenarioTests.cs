using NodaTime;
using Scheduler.Cli.Planning;
using Scheduler.Optimizer.Model;
using Scheduler.Optimizer.Plans;
using Scheduler.Protocols.Plans;
using Scheduler.Tests.Support;

namespace Scheduler.Tests.Cli;

public sealed class DemoScenarioTests
{
    [Fact]
    public void Read_IsAValidSiteOfTwoFeedersUnderTheGridConnection()
    {
        var problem = DemoProblem();

        var site = problem.Site;
        Assert.Equal("Europe/Vienna", site.TimeZone.Id);
        var root = Assert.Single(site.Circuits, c => c.ParentId is null);
        var feeders = site.Circuits.Where(c => c.ParentId == root.Id).Select(c => c.Id).ToList();
        Assert.Equal(2, feeders.Count);
        Assert.True(site.Chargers.Count >= 20, $"{site.Chargers.Count} chargers");
        Assert.All(feeders, f => Assert.Contains(site.Chargers, c => c.CircuitId == f));
        Assert.Single(problem.GridSignals);
    }

    [Fact]
    public void Read_MixesPhasesAndRotations()
    {
        var problem = DemoProblem();

        Assert.Equal([1, 3], problem.Site.Chargers.Select(c => c.Phases).Distinct().Order());
        Assert.Equal([1, 3], problem.Sessions.Select(s => s.Phases).Distinct().Order());
        Assert.True(problem.Site.Chargers.Select(c => c.PhaseRotation).Distinct().Count() >= 3);
        Assert.True(
            problem.Site.Chargers.Where(c => c.Phases == 1).Select(c => c.PhaseRotation).Distinct().Count() >= 3,
            "one-phase chargers should load all three phases between them");
    }

    [Fact]
    public void Read_Prices_AreTheRealQuarterHoursOfTheDay()
    {
        var problem = DemoProblem();

        // energycharts_AT_15min_all.csv: "2026-03-10T18:00:00Z,2026-03-10T18:15:00Z,233.27" and
        // "2026-03-11T09:45:00Z,2026-03-11T10:00:00Z,6.21" (EUR/MWh).
        Assert.Equal(0.23327, PriceAt(problem, Instant.FromUtc(2026, 3, 10, 18, 0)), 9);
        Assert.Equal(0.00621, PriceAt(problem, Instant.FromUtc(2026, 3, 11, 9, 45)), 9);
        Assert.Equal(96, problem.Tariff.Prices.Count);
        Assert.All(problem.Tariff.Prices, p => Assert.Equal(Duration.FromMinutes(15), p.End - p.Start));
        Assert.Equal(96, problem.Window.SlotCount);
    }

    [Fact]
    public void Read_Solved_KeepsEveryInvariantAndIsNotAFallback()
    {
        var problem = DemoProblem();

        var plan = ScenarioPlanner.Solve(problem, timeLimit: null);

        Assert.NotEqual(PlanStatus.Fallback, plan.Status);
        PlanChecker.AssertValid(problem, plan);
        Assert.Empty(PlanSchema.Validate(PlanWriter.Write(plan, problem)));
        Assert.True(plan.Cost < plan.Baseline.Cost, $"cost {plan.Cost} should be below the baseline's {plan.Baseline.Cost}");
    }

    private static PlanningProblem DemoProblem()
    {
        var scenario = DemoScenario.Read();
        Assert.True(scenario.IsValid, string.Join(Environment.NewLine, scenario.Errors));
        return scenario.Problem;
    }

    private static double PriceAt(PlanningProblem problem, Instant instant) =>
        Assert.Single(problem.Tariff.Prices, p => p.Start <= instant && instant < p.End).PerKwh;
}
