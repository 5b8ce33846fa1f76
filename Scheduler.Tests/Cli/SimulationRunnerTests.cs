using NodaTime;
using Scheduler.Cli.Simulation;
using Scheduler.Optimizer.Model;
using Scheduler.Protocols.History;

namespace Scheduler.Tests.Cli;

public sealed class SimulationRunnerTests
{
    private static readonly DateTimeZone Utc = DateTimeZoneProviders.Tzdb["Etc/UTC"];
    private static readonly Instant Day = Instant.FromUtc(2026, 3, 10, 0, 0);

    // One three-phase 16 A charger at 230 V: 11.04 kW, so 11.04 kWh is one hour at full power.
    private const double HourKwh = 11.04;

    [Fact]
    public void Run_OneCarAndOneCheapHour_WorkedByHand()
    {
        // 0.30 in the first hour, 0.10 in the second, 0.20 in the third, 0.30 after; the car stays four hours and needs one.
        var input = Input(Prices(0.30, 0.10, 0.20), Car("a", 0, 4, HourKwh, announcedHours: 4, announcedKwh: HourKwh));

        var result = SimulationRunner.Run(input);

        Assert.Equal(1.104, Strategy(result, "scheduler").Cost, 3);
        Assert.Equal(3.312, Strategy(result, "uncontrolled").Cost, 3);
        Assert.Equal(1.104, Strategy(result, "greedy").Cost, 3);
        Assert.Equal(1.104, Strategy(result, "offline").Cost, 3);
        Assert.All(result.Strategies, s =>
        {
            Assert.Equal(HourKwh, s.DeliveredKwh, 3);
            Assert.Equal(100, s.FullyServedPct);
            Assert.Equal(HourKwh, s.PeakKw, 3);
            Assert.Equal(0, s.Violations);
        });
        Assert.Equal(1, result.Sessions);
        Assert.True(result.Replans >= 16, $"re-plans every quarter-hour while the car is there, found {result.Replans}");
    }

    [Fact]
    public void Run_DriverLeavesBeforeTheAnnouncedTime_SchedulerLeavesThemShortAndSaysSo()
    {
        // Cheapest in the third hour, but the car really leaves at 01:30.
        var input = Input(Prices(0.30, 0.20, 0.10), Car("a", 0, 1.5, HourKwh, announcedHours: 4, announcedKwh: HourKwh));

        var result = SimulationRunner.Run(input);

        Assert.Equal(0, Strategy(result, "scheduler").FullyServedPct);
        Assert.True(Strategy(result, "scheduler").DeliveredKwh < HourKwh - 1);
        Assert.Equal(100, Strategy(result, "uncontrolled").FullyServedPct);
        // Perfect foresight charges before 01:30, in the cheaper of the hours it has.
        var offline = Strategy(result, "offline");
        Assert.Equal(HourKwh, offline.DeliveredKwh, 2);
        Assert.Equal((HourKwh / 2 * 0.20) + (HourKwh / 2 * 0.30), offline.Cost, 2);
    }

    [Fact]
    public void Run_DepartureMargin_EarlyLeaverServedAtAHigherPrice()
    {
        // As above, the car leaves at 01:30 although its driver said 04:00; holding back three quarters of the stay plans it to finish by 01:00.
        var input = Input(Prices(0.30, 0.20, 0.10), Car("a", 0, 1.5, HourKwh, announcedHours: 4, announcedKwh: HourKwh)) with { DepartureMargin = 0.75 };

        var result = SimulationRunner.Run(input);

        var scheduler = Strategy(result, "scheduler");
        Assert.Equal(100, scheduler.FullyServedPct);
        Assert.Equal(HourKwh * 0.30, scheduler.Cost, 2);
    }

    [Fact]
    public void Run_DriverAnnouncesNothing_DefaultsStandIn()
    {
        // Arrives 08:00, really stays until 18:00 and took 20 kWh; says nothing, so the site assumes 10 kWh by 17:00.
        var input = Input(Prices(), Car("a", 8, 18, 20, announcedHours: null, announcedKwh: null)) with { DefaultDeparture = "17:00", DefaultEnergyKwh = 10 };

        var result = SimulationRunner.Run(input);

        var scheduler = Strategy(result, "scheduler");
        Assert.Equal(10, scheduler.RequestedKwh, 3);
        Assert.InRange(scheduler.DeliveredKwh, 9.8, 10.2);
        Assert.Equal(100, scheduler.FullyServedPct);
        Assert.Equal(20, Strategy(result, "uncontrolled").DeliveredKwh, 3);
    }

    [Fact]
    public void Run_TwoCarsOnASmallFeeder_SchedulerKeepsTheLimitWhereUncontrolledIsCutBack()
    {
        // A 20 A feeder under two 16 A chargers: together they may not both run at full power.
        var site = new Site("s", Utc, 230, 100, [new Circuit("feeder", null, 20)], [Charger("cp-1", "feeder"), Charger("cp-2", "feeder")], []);
        var input = Input(Prices(0.30, 0.10, 0.20), Car("a", 0, 4, HourKwh, 4, HourKwh, "cp-1"), Car("b", 0, 4, HourKwh, 4, HourKwh, "cp-2")) with { Site = site };

        var result = SimulationRunner.Run(input);

        Assert.All(result.Strategies, s => Assert.Equal(0, s.Violations));
        Assert.All(result.Strategies, s => Assert.True(s.PeakKw <= (20 * 230 * 3 / 1000.0) + 1e-6, $"{s.Name} peak {s.PeakKw}"));
        Assert.Equal(2 * HourKwh, Strategy(result, "scheduler").DeliveredKwh, 1);
    }

    [Fact]
    public void Run_LimitsTooTightForEveryone_OfflineBoundIsOnThePlannedObjectiveWithItsPenalty()
    {
        // Two cars that each took two hours at full power share a 20 A feeder for two hours: not all of it fits, so
        // the offline plan's objective holds a shortfall penalty far above its cost, and the bound is on that.
        var site = new Site("s", Utc, 230, 100, [new Circuit("feeder", null, 20)], [Charger("cp-1", "feeder"), Charger("cp-2", "feeder")], []);
        var input = Input(Prices(), Car("a", 0, 2, 2 * HourKwh, 2, 2 * HourKwh, "cp-1"), Car("b", 0, 2, 2 * HourKwh, 2, 2 * HourKwh, "cp-2")) with { Site = site };

        var result = SimulationRunner.Run(input);

        var offline = Strategy(result, "offline");
        Assert.True(offline.PlanObjective > offline.Cost * 10, $"objective {offline.PlanObjective}, cost {offline.Cost}");
        Assert.True(offline.LowerBound <= offline.PlanObjective + 1e-6, $"bound {offline.LowerBound}, objective {offline.PlanObjective}");
    }

    [Fact]
    public void Run_OneCarEnoughRoom_OfflineBoundMeetsThePlannedObjective()
    {
        var result = SimulationRunner.Run(Input(Prices(0.30, 0.10, 0.20), Car("a", 0, 4, HourKwh, 4, HourKwh)));

        var offline = Strategy(result, "offline");
        Assert.NotNull(offline.LowerBound);
        Assert.InRange(offline.LowerBound!.Value, 0.99 * offline.PlanObjective!.Value, offline.PlanObjective.Value + 1e-6);
    }

    [Fact]
    public void Run_WeekAcrossTheSpringChange_SlotsFollowTheLocalDays()
    {
        var amsterdam = DateTimeZoneProviders.Tzdb["Europe/Amsterdam"];
        var start = amsterdam.AtStartOfDay(new LocalDate(2026, 3, 23)).ToInstant();
        var end = amsterdam.AtStartOfDay(new LocalDate(2026, 3, 30)).ToInstant();
        var prices = Enumerable.Range(0, (int)(end - start).TotalHours)
            .Select(h => new PriceInterval(start + Duration.FromHours(h), start + Duration.FromHours(h + 1), (start + Duration.FromHours(h)).InZone(amsterdam).Hour is >= 1 and < 6 ? 0.05 : 0.25))
            .ToList();
        // A car every evening at 18:00 local, leaving at 07:00 local, announcing exactly that and 20 kWh.
        var cars = Enumerable.Range(0, 6).Select(d =>
        {
            var arrival = amsterdam.AtStrictly(new LocalDate(2026, 3, 23).PlusDays(d).At(new LocalTime(18, 0))).ToInstant();
            var departure = amsterdam.AtStrictly(new LocalDate(2026, 3, 24).PlusDays(d).At(new LocalTime(7, 0))).ToInstant();
            return new HistoricalSession($"night-{d}", "cp-1", arrival, departure, 20, [new Announcement(arrival, departure, 20)]);
        }).ToList();
        var site = new Site("s", amsterdam, 230, 100, [], [Charger("cp-1", null)], []);
        var input = new SimulationInput { Site = site, Tariff = new Tariff("EUR", prices), Sessions = cars, Start = start, End = end, TopUpToFull = false };

        var result = SimulationRunner.Run(input);

        Assert.Equal((7 * 96) - 4, result.SlotPricePerKwh.Count);
        var scheduler = Strategy(result, "scheduler");
        Assert.Equal(100, scheduler.FullyServedPct);
        Assert.Equal(0, scheduler.Violations);
        // Every night fits in the cheap hours 01:00 to 06:00 local, also the short night of the change.
        Assert.Equal(6 * 20 * 0.05, scheduler.Cost, 1);
    }

    [Fact]
    public void Run_ByDefault_TopsTheCarUpBeyondWhatItsDriverAskedAndTheRequestByItselfDoesNot()
    {
        // Arrives 08:00, asks for 10 kWh by 17:00 and really takes 20 before leaving at 18:00: topped up, it gets
        // all 20; planned to the request alone, it stops at 10.
        var input = Input(Prices(), Car("a", 8, 18, 20, announcedHours: 17, announcedKwh: 10));

        var byDefault = new SimulationInput { Site = input.Site, Tariff = input.Tariff, Sessions = input.Sessions, Start = input.Start, End = input.End };
        var toppedUp = Strategy(SimulationRunner.Run(byDefault), "scheduler");
        var asked = Strategy(SimulationRunner.Run(input), "scheduler");

        Assert.Equal(20, toppedUp.DeliveredKwh, 1);
        Assert.Equal(100, toppedUp.FullyServedPct);
        Assert.InRange(asked.DeliveredKwh, 9.8, 10.2);
        Assert.Equal(0, toppedUp.Violations);
    }

    private static StrategyResult Strategy(SimulationResult result, string name) => result.Strategies.Single(s => s.Name == name);

    // These cases work out by hand what a plan of exactly the requests costs, so the scheduler tops nothing up.
    private static SimulationInput Input(IReadOnlyList<PriceInterval> prices, params HistoricalSession[] sessions) => new()
    {
        Site = new Site("s", Utc, 230, 100, [], [Charger("cp-1", null)], []),
        Tariff = new Tariff("EUR", prices),
        Sessions = sessions,
        Start = Day,
        End = Day + Duration.FromDays(1),
        TopUpToFull = false,
    };

    private static Charger Charger(string id, string? circuit) => new(id, circuit, 16, 6, 3);

    // Hourly prices for the day: the given ones first, 0.50 for the rest.
    private static List<PriceInterval> Prices(params double[] first) =>
        [.. Enumerable.Range(0, 24).Select(h => new PriceInterval(Day + Duration.FromHours(h), Day + Duration.FromHours(h + 1), h < first.Length ? first[h] : 0.50))];

    private static HistoricalSession Car(string id, double fromHour, double toHour, double tookKwh, double? announcedHours, double? announcedKwh, string charger = "cp-1")
    {
        var arrival = Day + Duration.FromMinutes(fromHour * 60);
        Announcement[] said = announcedHours is null && announcedKwh is null
            ? []
            : [new Announcement(arrival, announcedHours is { } h ? Day + Duration.FromMinutes(h * 60) : null, announcedKwh)];
        return new HistoricalSession(id, charger, arrival, Day + Duration.FromMinutes(toHour * 60), tookKwh, said);
    }
}
