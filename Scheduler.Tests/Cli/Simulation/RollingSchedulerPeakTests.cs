using NodaTime;
using Scheduler.Cli.Simulation;
using Scheduler.Optimizer.Model;
using Scheduler.Protocols.History;

namespace Scheduler.Tests.Cli.Simulation;

/// <summary>The replay's scheduler given the billing period's recorded peak, and billed per period.</summary>
public sealed class RollingSchedulerPeakTests
{
    private static readonly DateTimeZone LosAngeles = DateTimeZoneProviders.Tzdb["America/Los_Angeles"];

    // One three-phase 16 A charger at 230 V: 11.04 kW.
    private const double FullKw = 11.04;

    [Fact]
    public void Run_PeakRecordedEarlierInThePeriod_LaterCarChargesUpToItInTheCheapHour()
    {
        // Car a must draw full power in hour 0 (11.04 kW recorded); car b, from 02:00 to 06:00, then may take its
        // 11.04 kWh in the cheap hour at 02:00 at full power: the peak is paid already.
        var day = LosAngeles.AtStartOfDay(new LocalDate(2026, 3, 10)).ToInstant();
        var input = Input(day, day + Duration.FromDays(1), HourPrices(day, 24, h => h == 2 ? 0.10 : 0.50), Monthly(day, "2026-03"),
            Car("a", day, 0, 1, FullKw), Car("b", day, 2, 6, FullKw));

        var result = SimulationRunner.Run(input);

        var scheduler = result.Strategies.Single(s => s.Name == "scheduler");
        var period = Assert.Single(scheduler.Periods);
        Assert.Equal("2026-03", period.Period);
        Assert.Equal((FullKw * 0.50) + (FullKw * 0.10), period.EnergyCost, 2);
        var charge = Assert.Single(period.DemandCharges);
        Assert.Equal(FullKw, charge.PeakKw, 2);
        Assert.Equal(period.Total, scheduler.Cost, 6);
    }

    [Fact]
    public void Run_NewBillingPeriod_StartsFromZeroSoTheNextCarIsSpread()
    {
        // The same two cars, but b comes on the 1st of April: April has recorded nothing, so b is spread over its
        // stay at a low current (at least the 6 A minimum, 4.14 kW) rather than raising April's peak to 11.04 kW for the cheap hour.
        var march31 = LosAngeles.AtStartOfDay(new LocalDate(2026, 3, 31)).ToInstant();
        var april1 = LosAngeles.AtStartOfDay(new LocalDate(2026, 4, 1)).ToInstant();
        var end = april1 + Duration.FromDays(1);
        var charges = Monthly(march31, "2026-03").Concat(Monthly(april1, "2026-04")).ToList();
        var input = Input(march31, end, HourPrices(march31, 48, h => h == 26 ? 0.10 : 0.50), charges,
            Car("a", march31, 0, 1, FullKw), Car("b", april1, 2, 6, FullKw));

        var result = SimulationRunner.Run(input);

        var scheduler = result.Strategies.Single(s => s.Name == "scheduler");
        Assert.Equal(["2026-03", "2026-04"], scheduler.Periods.Select(p => p.Period));
        Assert.Equal(FullKw, scheduler.Periods[0].DemandCharges.Single().PeakKw, 2);
        Assert.InRange(scheduler.Periods[1].DemandCharges.Single().PeakKw, 4.1, 6);
        Assert.Equal(FullKw, scheduler.Periods[1].EnergyKwh, 1);
        Assert.Equal(scheduler.Periods.Sum(p => p.Total), scheduler.Cost, 6);
    }

    private static SimulationInput Input(Instant start, Instant end, List<PriceInterval> prices, IReadOnlyList<DemandCharge> charges, params HistoricalSession[] cars) => new()
    {
        Site = new Site("s", LosAngeles, 230, 100, [], [new Charger("cp-1", null, 16, 6, 3)], []),
        Tariff = new Tariff("USD", prices, charges),
        Sessions = cars,
        Start = start,
        End = end,
    };

    // A facility charge of 5 USD per kW over the calendar month that starts at (or holds) the given day's month.
    private static DemandCharge[] Monthly(Instant inMonth, string id)
    {
        var date = inMonth.InZone(LosAngeles).Date;
        var first = new LocalDate(date.Year, date.Month, 1);
        var span = new Interval(LosAngeles.AtStartOfDay(first).ToInstant(), LosAngeles.AtStartOfDay(first.PlusMonths(1)).ToInstant());
        return [new DemandCharge("facility-" + id, 5, [span])];
    }

    private static List<PriceInterval> HourPrices(Instant start, int hours, Func<int, double> price) =>
        [.. Enumerable.Range(0, hours).Select(h => new PriceInterval(start + Duration.FromHours(h), start + Duration.FromHours(h + 1), price(h)))];

    private static HistoricalSession Car(string id, Instant day, double fromHour, double toHour, double kwh)
    {
        var arrival = day + Duration.FromMinutes(fromHour * 60);
        var departure = day + Duration.FromMinutes(toHour * 60);
        return new HistoricalSession(id, "cp-1", arrival, departure, kwh, [new Announcement(arrival, departure, kwh)]);
    }
}
