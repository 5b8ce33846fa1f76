using NodaTime;
using Scheduler.Optimizer.Model;

namespace Scheduler.Tests.Support;

/// <summary>Draws one fuzz site from a seeded random source; see <see cref="FuzzSites"/> for what it covers.</summary>
internal sealed class FuzzSiteBuilder(Random random, FuzzSize size)
{
    private const double VoltageV = 230;

    private bool Small => size == FuzzSize.Small;

    /// <summary>The site, its window, tariff, grid signals and sessions.</summary>
    public PlanningProblem Build()
    {
        var (zone, window) = Window();
        var circuits = Circuits();
        var chargers = Chargers(circuits);
        var sessions = Sessions(chargers, window);
        var gridLimitKw = GridLimitKw(chargers);
        var site = new Site("fuzz", zone, VoltageV, gridLimitKw, circuits, chargers, BaseLoad(window, gridLimitKw));
        var tariff = new Tariff(Chance(0.5) ? "EUR" : "USD", Prices(zone, window), DemandCharges(zone, window));
        return new PlanningProblem(site, tariff, GridSignals(window), sessions, window);
    }

    private bool Chance(double p) => random.NextDouble() < p;

    private T Pick<T>(IReadOnlyList<T> items) => items[random.Next(items.Count)];

    /// <summary>A window on the slot grid from a local hour of a clock-change day (most often) or an ordinary day.</summary>
    private (DateTimeZone Zone, PlanningWindow Window) Window()
    {
        var slotMinutes = Chance(0.4) ? 15 : Pick(Small ? [5, 10, 15, 30, 60] : FuzzSites.SlotMinutes);
        var (zoneId, changes) = Pick(FuzzSites.Zones);
        var zone = DateTimeZoneProviders.Tzdb[zoneId];
        var date = changes.Length > 0 && Chance(0.7) ? Pick(changes) : new LocalDate(2026, 1 + random.Next(12), 1 + random.Next(28));
        var localStart = date.At(new LocalTime(Chance(0.6) ? 0 : random.Next(24), 0));
        var slot = Duration.FromMinutes(slotMinutes);
        var start = OnGrid(localStart.InZoneLeniently(zone).ToInstant(), slot);
        var maxSlots = Math.Min(Small ? 12 : FuzzSites.MaxSlots, 26 * 60 / slotMinutes);
        var slots = random.Next(4, maxSlots + 1);
        return (zone, new PlanningWindow(start, start + (slot * slots), slot));
    }

    private static Instant OnGrid(Instant instant, Duration slot) =>
        Instant.FromUnixTimeTicks(instant.ToUnixTimeTicks() / slot.BclCompatibleTicks * slot.BclCompatibleTicks);

    /// <summary>A forest: each circuit a new root or a child of an earlier one (often the one just made, so chains reach the depth limit).</summary>
    private List<Circuit> Circuits()
    {
        var count = random.Next(0, Small ? 4 : 11);
        var circuits = new List<Circuit>();
        var depths = new List<int>();
        for (var i = 0; i < count; i++)
        {
            int? parent = i == 0 || Chance(0.25) ? null : Chance(0.5) ? i - 1 : random.Next(i);
            if (parent is { } p && depths[p] >= FuzzSites.MaxDepth)
            {
                parent = null;
            }

            var limitA = Chance(0.1) ? random.Next(1, 6) : random.Next(6, 121);
            circuits.Add(new Circuit($"c{i}", parent is { } q ? circuits[q].Id : null, limitA));
            depths.Add(parent is { } d ? depths[d] + 1 : 1);
        }

        return circuits;
    }

    private List<Charger> Chargers(List<Circuit> circuits)
    {
        var count = random.Next(1, (Small ? 4 : 12) + 1);
        return Enumerable.Range(0, count).Select(i => Charger(i, circuits)).ToList();
    }

    /// <summary>A charger on any phase rotation, with a minimum from 0 to 10 A and sometimes a maximum equal to it.</summary>
    private Charger Charger(int index, List<Circuit> circuits)
    {
        var minA = MinimumA();
        var maxA = minA > 0 && Chance(0.1) ? minA : Math.Max(Math.Max(minA, 1), random.Next(6, 33));
        var circuitId = circuits.Count == 0 || Chance(0.15) ? null : Pick(circuits).Id;
        return new Charger($"cp-{index + 1}", circuitId, maxA, minA, Chance(0.35) ? 1 : 3, (PhaseRotation)random.Next(6));
    }

    private double MinimumA() => Chance(0.5) ? Pick([0.0, 6, 6, 8, 10]) : random.Next(0, 21) / 2.0;

    /// <summary>Up to two stays per charger (one in small sites, four sessions at most), some wholly outside the window.</summary>
    private List<Session> Sessions(List<Charger> chargers, PlanningWindow window)
    {
        var sessions = new List<Session>();
        var spanMinutes = (int)(window.End - window.Start).TotalMinutes;
        foreach (var charger in chargers)
        {
            var cuts = Enumerable.Range(0, 4).Select(_ => random.Next(-30, spanMinutes + 31)).Order().ToArray();
            var stays = random.Next(0, Small ? 2 : 3);
            for (var v = 0; v < stays && (!Small || sessions.Count < 4); v++)
            {
                if (cuts[2 * v] < cuts[(2 * v) + 1])
                {
                    var arrival = window.Start + Duration.FromMinutes(cuts[2 * v]);
                    var departure = window.Start + Duration.FromMinutes(cuts[(2 * v) + 1]);
                    sessions.Add(Session($"s-{sessions.Count + 1}", charger, arrival, departure, window));
                }
            }
        }

        return sessions;
    }

    /// <summary>A vehicle that may be unable to reach its charger's minimum, with a minimum of its own that may equal its maximum.</summary>
    private Session Session(string id, Charger charger, Instant arrival, Instant departure, PlanningWindow window)
    {
        var phases = Chance(0.3) ? 1 : 3;
        var maxA = Chance(0.1) ? random.Next(1, 6) : random.Next(6, 33);
        double? minA = Chance(0.5) ? null : Chance(0.2) ? maxA : Math.Min(maxA, random.Next(0, 21) / 2.0);
        var hours = ProblemFacts.Overlap(arrival, departure, window.Start, window.End).TotalHours;
        var fitsKwh = VoltageV * Math.Min(maxA, charger.MaxCurrentA) * Math.Min(phases, charger.Phases) * hours / 1000;
        var energyKwh = Chance(0.05) ? 0 : Math.Round(random.NextDouble() * 1.5 * Math.Max(fitsKwh, 1), 3);
        return new Session(id, charger.Id, arrival, departure, energyKwh, maxA, phases, minCurrentA: minA);
    }

    /// <summary>A generous connection, a share of the chargers' full power, or one below a single car's minimum.</summary>
    private double GridLimitKw(List<Charger> chargers)
    {
        var fullKw = chargers.Sum(c => VoltageV * c.MaxCurrentA * c.Phases / 1000);
        return random.NextDouble() switch
        {
            < 0.3 => 1_000,
            < 0.75 => Math.Max(0.5, Math.Round((0.2 + (0.8 * random.NextDouble())) * fullKw, 1)),
            _ => random.Next(1, 6) - 0.5,
        };
    }

    /// <summary>Intervals that may overlap, some negative (the site exports) and some above the connection itself.</summary>
    private List<BaseLoadInterval> BaseLoad(PlanningWindow window, double gridLimitKw)
    {
        var count = Chance(0.5) ? 0 : random.Next(1, (Small ? 2 : 4) + 1);
        return Enumerable.Range(0, count).Select(_ =>
        {
            var (start, end) = Span(window);
            var kw = random.NextDouble() switch
            {
                < 0.2 => -random.Next(1, 21),
                < 0.3 => Math.Min(gridLimitKw, 100) + random.Next(1, 10),
                _ => random.Next(0, 30),
            };
            return new BaseLoadInterval(start, end, kw);
        }).ToList();
    }

    /// <summary>Up to three grid signals that may overlap, down to a 0 kW cap.</summary>
    private List<GridSignal> GridSignals(PlanningWindow window)
    {
        var count = Chance(0.5) ? 0 : random.Next(1, 4);
        return Enumerable.Range(0, count).Select(i =>
        {
            var (start, end) = Span(window);
            return new GridSignal($"dr-{i + 1}", start, end, Pick([0.0, 1, 3, 8, 15, 30]));
        }).ToList();
    }

    /// <summary>A random non-empty interval around the window, on whole minutes.</summary>
    private (Instant Start, Instant End) Span(PlanningWindow window)
    {
        var spanMinutes = (int)(window.End - window.Start).TotalMinutes;
        var a = random.Next(-30, spanMinutes + 30);
        var b = random.Next(a + 1, spanMinutes + 31);
        return (window.Start + Duration.FromMinutes(a), window.Start + Duration.FromMinutes(b));
    }

    /// <summary>Prices per slot or per local hour (which a clock change stretches or shortens), from −0.10 to 0.60, an hour beyond the window each side.</summary>
    private List<PriceInterval> Prices(DateTimeZone zone, PlanningWindow window)
    {
        var margin = Duration.FromHours(1);
        var bounds = Chance(0.5)
            ? Enumerable.Range(-4, window.SlotCount + 8).Select(k => window.Start + (window.SlotLength * k)).ToList()
            : LocalHours(zone, window.Start - margin - margin, window.End + margin + margin);
        return bounds.Zip(bounds.Skip(1)).Select(b => new PriceInterval(b.First, b.Second, random.Next(-10, 61) / 100.0)).ToList();
    }

    /// <summary>The instants at which local hours start, from before <paramref name="from"/> to after <paramref name="to"/>, in order and distinct.</summary>
    private static List<Instant> LocalHours(DateTimeZone zone, Instant from, Instant to)
    {
        var local = from.InZone(zone).LocalDateTime;
        var hour = local.Date.At(new LocalTime(local.Hour, 0));
        var instants = new List<Instant>();
        for (; instants.Count == 0 || instants[^1] < to; hour = hour.PlusHours(1))
        {
            var instant = hour.InZoneLeniently(zone).ToInstant();
            if (instants.Count == 0 || instant > instants[^1])
            {
                instants.Add(instant);
            }
        }

        return instants;
    }

    /// <summary>Up to three charges: all hours, or local 16:00–21:00 or 01:00–04:00 (across a clock change) on each day; some with a peak recorded.</summary>
    private List<DemandCharge> DemandCharges(DateTimeZone zone, PlanningWindow window)
    {
        var count = Chance(0.4) ? 0 : random.Next(1, (Small ? 2 : 3) + 1);
        return Enumerable.Range(0, count).Select(j =>
        {
            var intervals = random.NextDouble() switch
            {
                < 0.4 => null,
                < 0.8 => Daily(zone, window, new LocalTime(16, 0), new LocalTime(21, 0)),
                _ => Daily(zone, window, new LocalTime(1, 0), new LocalTime(4, 0)),
            };
            return new DemandCharge($"dc-{j + 1}", random.Next(1, 31), intervals, Chance(0.5) ? 0 : random.Next(0, 21));
        }).ToList();
    }

    private static List<Interval> Daily(DateTimeZone zone, PlanningWindow window, LocalTime from, LocalTime to)
    {
        var first = window.Start.InZone(zone).Date.PlusDays(-1);
        var last = window.End.InZone(zone).Date.PlusDays(1);
        var intervals = new List<Interval>();
        for (var date = first; date <= last; date = date.PlusDays(1))
        {
            intervals.Add(new Interval(date.At(from).InZoneLeniently(zone).ToInstant(), date.At(to).InZoneLeniently(zone).ToInstant()));
        }

        return intervals;
    }
}
