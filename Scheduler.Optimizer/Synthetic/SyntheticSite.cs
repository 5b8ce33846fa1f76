using NodaTime;
using Scheduler.Optimizer.Model;

namespace Scheduler.Optimizer.Synthetic;

/// <summary>
/// Seeded synthetic depots for benchmarks and tests: three-phase supply, two levels of feeders below the grid
/// connection, a quarter of the vehicles on one phase, an evening demand-response cut, and a day of
/// quarter-hourly prices shaped like a day-ahead curve. The same seed gives the same problem.
/// </summary>
public static class SyntheticSite
{
    /// <summary>Chargers on one sub-feeder.</summary>
    private const int ChargersPerSubFeeder = 10;

    /// <summary>Sub-feeders on one feeder.</summary>
    private const int SubFeedersPerFeeder = 5;

    /// <summary>The share of the chargers' full power the grid connection carries in the loose profiles.</summary>
    private const double LooseGridShare = 0.35;

    /// <summary>The share of the chargers' full power the grid connection carries where it binds.</summary>
    private const double BindingGridShare = 0.10;

    /// <summary>SCE TOU-8 Option D's facility charge on the month's highest demand, per kW.</summary>
    private const double FacilityPerKw = 25.36;

    /// <summary>SCE TOU-8 Option D's charge on the highest demand inside 16:00–21:00 on weekdays, per kW.</summary>
    private const double OnPeakPerKw = 29.54;

    /// <summary>Creates a depot with one charger per session and a 24-hour window of 15-minute slots from noon.</summary>
    /// <param name="sessions">The number of vehicles, at least 1.</param>
    /// <param name="seed">The random seed.</param>
    /// <param name="profile">What couples the site: nothing much, the grid connection, demand charges, or both.</param>
    public static PlanningProblem Create(int sessions, int seed = 1, SyntheticProfile profile = SyntheticProfile.Loose)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(sessions, 1);
        var random = new Random(seed);
        var zone = DateTimeZoneProviders.Tzdb["Europe/Amsterdam"];
        var start = new LocalDateTime(2026, 6, 10, 12, 0).InZoneStrictly(zone).ToInstant();
        var slot = Duration.FromMinutes(15);
        var window = new PlanningWindow(start, start + Duration.FromHours(24), slot);

        // Sub-feeders carry about half of what their chargers could draw, feeders 70% of their sub-feeders.
        var circuits = new List<Circuit>();
        var chargers = new List<Charger>();
        var subFeeders = (sessions + ChargersPerSubFeeder - 1) / ChargersPerSubFeeder;
        var feeders = (subFeeders + SubFeedersPerFeeder - 1) / SubFeedersPerFeeder;
        for (var f = 0; f < feeders; f++)
        {
            var subs = Math.Min(SubFeedersPerFeeder, subFeeders - (f * SubFeedersPerFeeder));
            circuits.Add(new Circuit($"feeder-{f + 1}", null, Math.Round(subs * ChargersPerSubFeeder * 32 * 0.5 * 0.7)));
            for (var sf = 0; sf < subs; sf++)
            {
                circuits.Add(new Circuit($"feeder-{f + 1}-{sf + 1}", $"feeder-{f + 1}", ChargersPerSubFeeder * 32 * 0.5));
            }
        }

        var rotations = Enum.GetValues<PhaseRotation>();
        for (var c = 0; c < sessions; c++)
        {
            var sub = c / ChargersPerSubFeeder;
            var circuitId = $"feeder-{(sub / SubFeedersPerFeeder) + 1}-{(sub % SubFeedersPerFeeder) + 1}";
            chargers.Add(new Charger($"cp-{c + 1:D4}", circuitId, 32, 6, 3, rotations[random.Next(rotations.Length)]));
        }

        var fullPowerKw = sessions * 230.0 * 3 * 32 / 1000;
        var binding = profile is SyntheticProfile.Binding or SyntheticProfile.Both;
        var gridLimitKw = Math.Max(1, Math.Round(fullPowerKw * (binding ? BindingGridShare : LooseGridShare)));
        var site = new Site("synthetic-depot", zone, 230, gridLimitKw, circuits, chargers, []);

        // Vehicles arrive between 15:00 and 21:00 and leave between 05:00 and 09:00, at any minute.
        var list = new List<Session>();
        for (var i = 0; i < sessions; i++)
        {
            var arrival = start + Duration.FromMinutes(180 + random.Next(360));
            var departure = start + Duration.FromMinutes((17 * 60) + random.Next(240));
            var onePhase = random.NextDouble() < 0.25;
            var maxA = onePhase ? 32 : (random.NextDouble() < 0.5 ? 16 : 32);
            var energy = Math.Round(onePhase ? 5 + (random.NextDouble() * 25) : 10 + (random.NextDouble() * 50), 1);
            list.Add(new Session($"s-{i + 1:D4}", chargers[i].Id, arrival, departure, energy, maxA, onePhase ? 1 : 3, $"v-{i + 1:D4}"));
        }

        // A day-ahead-like curve: cheap at night and midday, dear in the evening peak, with noise.
        var prices = new List<PriceInterval>();
        for (var k = 0; k < window.SlotCount; k++)
        {
            var hour = 12 + (k / 4.0);
            var shape = 0.20 + (0.08 * Math.Cos((hour - 19) / 24 * 2 * Math.PI)) + (0.03 * Math.Cos((hour - 8) / 12 * 2 * Math.PI));
            var noise = (random.NextDouble() - 0.5) * 0.02;
            prices.Add(new PriceInterval(window.SlotStart(k), window.SlotEnd(k), Math.Round(shape + noise, 5)));
        }

        // The utility halves the site's import from 18:00 to 20:00.
        var signals = new List<GridSignal>
        {
            new("dr-evening", start + Duration.FromHours(6), start + Duration.FromHours(8), Math.Round(gridLimitKw * 0.5)),
        };

        var demandCharged = profile is SyntheticProfile.Demand or SyntheticProfile.Both;
        var tariff = demandCharged ? new Tariff("EUR", prices, DemandCharges(zone, start)) : new Tariff("EUR", prices);
        return new PlanningProblem(site, tariff, signals, list, window);
    }

    /// <summary>A facility charge over every slot and an on-peak charge over 16:00–21:00 local of the first day, as SCE TOU-8 D bills them.</summary>
    private static DemandCharge[] DemandCharges(DateTimeZone zone, Instant start)
    {
        var day = start.InZone(zone).Date;
        var onPeak = new Interval(
            day.At(new LocalTime(16, 0)).InZoneStrictly(zone).ToInstant(),
            day.At(new LocalTime(21, 0)).InZoneStrictly(zone).ToInstant());
        return
        [
            new DemandCharge("facility", FacilityPerKw),
            new DemandCharge("on-peak", OnPeakPerKw, [onPeak]),
        ];
    }
}
