using NodaTime;
using Scheduler.Cli.Simulation;
using Scheduler.Optimizer.Model;
using Scheduler.Protocols.History;

namespace Scheduler.Tests.Cli.Simulation;

/// <summary>The replay's scheduler learning a driver's habits online, from the sessions that have ended.</summary>
public sealed class RollingSchedulerLearningTests
{
    private static readonly DateTimeZone Utc = DateTimeZoneProviders.Tzdb["Etc/UTC"];
    private static readonly Instant Monday = Instant.FromUtc(2026, 3, 9, 0, 0);

    [Fact]
    public void Run_DriverWhoAlwaysLeavesEarly_ServedInFullOnceLearnedWhereMarginZeroFailed()
    {
        // Every day the driver arrives at 08:00, says 17:00 and 20 kWh, and leaves at 12:00: waiting for the cheap
        // afternoon leaves them empty, until three ended sessions show the planner they stay 4/9 of what they say.
        var input = Input(days: 6, from: 0);

        var trusting = Scheduler(SimulationRunner.Run(input with { LearnDrivers = false }));
        var learning = Scheduler(SimulationRunner.Run(input));

        Assert.Equal(0, trusting.FullyServedPct);
        Assert.Equal(50, learning.FullyServedPct, 1);
    }

    [Fact]
    public void Run_WarmUpBeforeTheReplay_ServedFromTheFirstDay()
    {
        // The same driver, with three days of history before the replay to learn from.
        var input = Input(days: 6, from: 3) with { LearnFrom = Monday };

        var learning = Scheduler(SimulationRunner.Run(input));

        Assert.Equal(100, learning.FullyServedPct, 1);
    }

    private static StrategyResult Scheduler(SimulationResult result) => result.Strategies.Single(s => s.Name == "scheduler");

    // Sessions on the given days; the replay covers the days from `from` on.
    private static SimulationInput Input(int days, int from)
    {
        var end = Monday + Duration.FromDays(days);
        var prices = Enumerable.Range(0, days * 24 + 48)
            .Select(h => new PriceInterval(Monday + Duration.FromHours(h), Monday + Duration.FromHours(h + 1), h % 24 is >= 13 and < 17 ? 0.10 : 0.40))
            .ToList();
        var sessions = Enumerable.Range(0, days).Select(d =>
        {
            var arrival = Monday + Duration.FromDays(d) + Duration.FromHours(8);
            return new HistoricalSession($"day-{d}", "cp-1", arrival, arrival + Duration.FromHours(4), 20, [new Announcement(arrival, arrival + Duration.FromHours(9), 20)]) { VehicleId = "v-1" };
        }).ToList();
        return new SimulationInput
        {
            Site = new Site("s", Utc, 230, 100, [], [new Charger("cp-1", null, 16, 6, 3)], []),
            Tariff = new Tariff("EUR", prices),
            Sessions = sessions,
            Start = Monday + Duration.FromDays(from),
            End = end,

            // A top-up would charge the car from its arrival; planned to its request alone, only a learned departure serves it.
            TopUpToFull = false,
        };
    }
}
