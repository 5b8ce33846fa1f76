using System.Globalization;
using System.Text;
using CsCheck;
using NodaTime;
using Scheduler.Optimizer.Model;

namespace Scheduler.Tests.Support;

/// <summary>
/// Small random but valid planning problems for property tests: 1–12 chargers on no circuits or one or two levels
/// of them, one- and three-phase chargers and vehicles on every phase rotation, 4–32 slots of 15 (sometimes 30 or
/// 60) minutes, sessions that arrive and leave inside slots (sometimes before or after the window), energies from
/// nothing to more than fits, prices that go negative, and sometimes a demand charge, a base load, a demand-response
/// cut or a connection so small that shortfall is certain.
/// </summary>
public static class RandomProblems
{
    /// <summary>A Monday 00:00 UTC; windows start a whole number of slots after it.</summary>
    public static readonly Instant Epoch = Instant.FromUtc(2026, 1, 5, 0, 0);

    /// <summary>The most chargers a scenario has.</summary>
    public const int MaxChargers = 12;

    private static readonly Gen<GridSpec> Grid =
        from slotMinutes in Gen.FrequencyConst((6, 15), (1, 30), (1, 60))
        from slotCount in Gen.Int[4, 32]
        from offsetSlots in Gen.Int[0, 95]
        select new GridSpec(slotMinutes, slotCount, offsetSlots);

    private static readonly Gen<Circuit[]> Circuits = Gen.Frequency(
        (1, Gen.Const(Array.Empty<Circuit>())),
        (2, from limits in Gen.Int[10, 100].Array[1, 3]
            select limits.Select((a, i) => new Circuit($"c{i}", null, a)).ToArray()),
        (3, from root in Gen.Int[16, 160]
            from limits in Gen.Int[10, 80].Array[1, 3]
            select limits.Select((a, i) => new Circuit($"feeder-{i}", "main", a)).Prepend(new Circuit("main", null, root)).ToArray()));

    private static readonly Gen<ChargerSpec> Charger =
        from phases in Gen.FrequencyConst((3, 3), (1, 1))
        from rotation in Gen.Int[0, 5]
        from minA in Gen.OneOfConst(6.0, 8.0)
        from maxA in Gen.Int[10, 32]
        from circuitPick in Gen.Int[0, 99]
        select new ChargerSpec(phases, (PhaseRotation)rotation, minA, maxA, circuitPick);

    private static readonly Gen<VehicleSpec> Vehicle =
        from phases in Gen.FrequencyConst((3, 3), (2, 1))
        from maxA in Gen.Int[10, 32]
        from minA in Gen.FrequencyConst<double?>((3, null), (1, 6.0), (1, 8.0))
        from energyShare in Gen.Frequency((1, Gen.Const(0.0)), (8, Gen.Double[0, 1.5]))
        select new VehicleSpec(phases, maxA, minA, energyShare);

    /// <summary>The scenarios.</summary>
    public static Gen<PlanningProblem> Scenario { get; } =
        from grid in Grid
        from circuits in Circuits
        from chargers in Charger.Array[1, MaxChargers]
        from plugs in Plug(grid).Array[chargers.Length]
        from prices in Prices(grid)
        from baseLoad in BaseLoad(grid)
        from signals in Signals(grid)
        from voltage in Gen.FrequencyConst((5, 230.0), (1, 240.0))
        from limitKind in Gen.FrequencyConst((2, LimitKind.Generous), (3, LimitKind.Share), (1, LimitKind.Tight))
        from limitShare in Gen.Double[0.2, 1.0]
        from tightKw in Gen.Int[2, 10]
        from demandCharge in Gen.Frequency((3, Gen.Const(0)), (1, Gen.Int[1, 20]))
        select Assemble(grid, circuits, chargers, plugs, prices, baseLoad, signals, voltage, limitKind switch
        {
            LimitKind.Generous => 1_000,
            LimitKind.Share => Math.Max(1, Math.Round(limitShare * chargers.Sum(c => voltage * c.MaxA * c.Phases / 1000), 1)),
            _ => tightKw,
        }, demandCharge);

    /// <summary>
    /// <paramref name="count"/> scenarios from fixed seeds, the same on every run. Each seed is CsCheck's, so
    /// <c>RandomProblems.Scenario.Sample(check, seed: "…", iter: 1)</c> replays one scenario alone.
    /// </summary>
    public static IReadOnlyList<SeededProblem> Fixed(int count, uint stream = 2026)
    {
        var scenarios = new List<SeededProblem>(count);
        for (var i = 0; i < count; i++)
        {
            var pcg = new PCG(stream, 0x9E3779B97F4A7C15UL * (ulong)(i + 1));
            var seed = pcg.ToString();
            scenarios.Add(new SeededProblem(i, seed, Scenario.Generate(pcg, null, out _)));
        }

        return scenarios;
    }

    /// <summary>A compact text of the problem for failure messages, one line per part.</summary>
    public static string Describe(PlanningProblem problem)
    {
        var text = new StringBuilder();
        var w = problem.Window;
        var site = problem.Site;
        text.AppendLine(CultureInfo.InvariantCulture, $"window {w.Start} + {w.SlotCount} × {w.SlotLength.TotalMinutes} min in {site.TimeZone.Id}; {site.VoltageV} V, grid {site.GridLimitKw} kW, demand charges {string.Join(", ", problem.Tariff.DemandCharges.Select(d => $"{d.Id} {d.PerKw}/kW above {d.PeakSoFarKw} kW over {d.Intervals.Count} intervals"))}");
        foreach (var c in site.Circuits)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"circuit {c.Id} under {c.ParentId ?? "-"}: {c.MaxCurrentA} A");
        }

        foreach (var c in site.Chargers)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"charger {c.Id} on {c.CircuitId ?? "-"}: {c.MinCurrentA}–{c.MaxCurrentA} A, {c.Phases}ph {c.PhaseRotation}");
        }

        foreach (var s in problem.Sessions)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"session {s.Id} at {s.ChargerId}: {Minutes(w, s.Arrival)}–{Minutes(w, s.Departure)} min, {s.EnergyKwh} kWh, ≤{s.MaxCurrentA} A, ≥{s.MinCurrentA?.ToString(CultureInfo.InvariantCulture) ?? "-"} A, {s.Phases}ph");
        }

        foreach (var b in site.BaseLoad)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"base load {Minutes(w, b.Start)}–{Minutes(w, b.End)} min: {b.Kw} kW");
        }

        foreach (var g in problem.GridSignals)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"signal {g.Id} {Minutes(w, g.Start)}–{Minutes(w, g.End)} min: ≤{g.MaxImportKw} kW");
        }

        text.AppendLine("prices " + string.Join(", ", problem.Tariff.Prices.Select(p => $"{Minutes(w, p.Start)}–{Minutes(w, p.End)}: {p.PerKwh.ToString(CultureInfo.InvariantCulture)}")));
        return text.ToString();
    }

    private static double Minutes(PlanningWindow window, Instant instant) => (instant - window.Start).TotalMinutes;

    /// <summary>Up to two stays on one charger: four cut points, sorted, so the second starts after the first ends.</summary>
    private static Gen<PlugSpec> Plug(GridSpec grid) =>
        from count in Gen.FrequencyConst((1, 0), (4, 1), (3, 2))
        from cuts in Gen.Int[-20, grid.TotalMinutes + 20].Array[4]
        from vehicles in Vehicle.Array[2]
        select new PlugSpec(count, cuts.Order().ToArray(), vehicles);

    /// <summary>Per-slot, hourly or arbitrarily cut prices, from −0.10 to 0.50 per kWh, covering the window with room to spare.</summary>
    private static Gen<PriceSpec> Prices(GridSpec grid) =>
        from kind in Gen.Int[0, 2]
        from cuts in Gen.Int[1, grid.TotalMinutes - 1].Array[0, 6]
        from cents in Gen.Int[-10, 50].Array[grid.SlotCount + 40]
        select new PriceSpec(kind, cuts, cents);

    private static Gen<(int From, int To, double Kw)[]> BaseLoad(GridSpec grid) => Gen.Frequency(
        (2, Gen.Const(Array.Empty<(int, int, double)>())),
        (1, from cuts in Gen.Int[-30, grid.TotalMinutes + 30].Array[2, 6]
            from kws in Gen.Int[-5, 30].Array[3]
            select Pairs(cuts).Select((p, i) => (p.From, p.To, (double)kws[i])).ToArray()));

    private static Gen<(int From, int To, double Kw)[]> Signals(GridSpec grid) => Gen.Frequency(
        (2, Gen.Const(Array.Empty<(int, int, double)>())),
        (1, (from begin in Gen.Int[-30, grid.TotalMinutes]
             from length in Gen.Int[1, grid.TotalMinutes]
             from kw in Gen.FrequencyConst((1, 0), (4, 3), (4, 8), (4, 15), (2, 30))
             select (begin, begin + length, (double)kw)).Array[1, 2]));

    /// <summary>Sorted cut points taken two by two as intervals; empty ones are dropped.</summary>
    private static IEnumerable<(int From, int To)> Pairs(int[] cuts)
    {
        var sorted = cuts.Order().ToArray();
        for (var j = 0; j + 1 < sorted.Length; j += 2)
        {
            if (sorted[j] < sorted[j + 1])
            {
                yield return (sorted[j], sorted[j + 1]);
            }
        }
    }

    private static PlanningProblem Assemble(
        GridSpec grid,
        Circuit[] circuits,
        ChargerSpec[] chargerSpecs,
        PlugSpec[] plugs,
        PriceSpec prices,
        (int From, int To, double Kw)[] baseLoad,
        (int From, int To, double Kw)[] signals,
        double voltageV,
        double gridLimitKw,
        double demandChargePerKw)
    {
        var slot = Duration.FromMinutes(grid.SlotMinutes);
        var start = Epoch + (slot * grid.OffsetSlots);
        var window = new PlanningWindow(start, start + (slot * grid.SlotCount), slot);
        Instant At(int minute) => start + Duration.FromMinutes(minute);

        var chargers = chargerSpecs
            .Select((c, i) => new Charger(
                $"cp-{i + 1}",
                circuits.Length == 0 || c.CircuitPick < 10 ? null : circuits[c.CircuitPick % circuits.Length].Id,
                c.MaxA,
                c.MinA,
                c.Phases,
                c.Rotation))
            .ToList();

        var sessions = new List<Session>();
        for (var c = 0; c < chargers.Count; c++)
        {
            var plug = plugs[c];
            for (var v = 0; v < plug.Count; v++)
            {
                var (arrive, depart) = (plug.Cuts[2 * v], plug.Cuts[(2 * v) + 1]);
                if (arrive == depart)
                {
                    continue;
                }

                var vehicle = plug.Vehicles[v];
                var phases = Math.Min(vehicle.Phases, chargers[c].Phases);
                var inWindow = ProblemFacts.Overlap(At(arrive), At(depart), window.Start, window.End).TotalHours;
                var fitsKwh = voltageV * Math.Min(vehicle.MaxA, chargers[c].MaxCurrentA) * phases * inWindow / 1000;
                var energyKwh = Math.Round(vehicle.EnergyShare * Math.Max(fitsKwh, 2), 3);
                sessions.Add(new Session($"s-{sessions.Count + 1}", chargers[c].Id, At(arrive), At(depart), energyKwh, vehicle.MaxA, vehicle.Phases, minCurrentA: vehicle.MinA));
            }
        }

        var site = new Site(
            "random",
            DateTimeZone.Utc,
            voltageV,
            gridLimitKw,
            circuits,
            chargers,
            baseLoad.Select(b => new BaseLoadInterval(At(b.From), At(b.To), b.Kw)).ToList());
        var tariff = new Tariff("EUR", PriceIntervals(grid, window, prices), demandChargePerKw);
        var gridSignals = signals.Select((g, i) => new GridSignal($"dr-{i + 1}", At(g.From), At(g.To), g.Kw)).ToList();
        return new PlanningProblem(site, tariff, gridSignals, sessions, window);
    }

    private static List<PriceInterval> PriceIntervals(GridSpec grid, PlanningWindow window, PriceSpec spec)
    {
        var margin = Duration.FromHours(1);
        List<Instant> bounds = spec.Kind switch
        {
            0 => Enumerable.Range(1, window.SlotCount - 1).Select(window.SlotStart).ToList(),
            1 => Hours(window).ToList(),
            _ => spec.Cuts.Distinct().Order().Select(m => window.Start + Duration.FromMinutes(m)).ToList(),
        };
        bounds.Insert(0, window.Start - margin);
        bounds.Add(window.End + margin);
        return bounds.Zip(bounds.Skip(1))
            .Select((b, i) => new PriceInterval(b.First, b.Second, spec.Cents[i % spec.Cents.Length] / 100.0))
            .ToList();

        static IEnumerable<Instant> Hours(PlanningWindow window)
        {
            var hour = Duration.FromHours(1);
            var first = Instant.FromUnixTimeTicks(window.Start.ToUnixTimeTicks() / hour.BclCompatibleTicks * hour.BclCompatibleTicks) + hour;
            for (var t = first; t < window.End; t += hour)
            {
                yield return t;
            }
        }
    }

    private enum LimitKind
    {
        Generous,
        Share,
        Tight,
    }

    private sealed record GridSpec(int SlotMinutes, int SlotCount, int OffsetSlots)
    {
        public int TotalMinutes => SlotMinutes * SlotCount;
    }

    private sealed record ChargerSpec(int Phases, PhaseRotation Rotation, double MinA, int MaxA, int CircuitPick);

    private sealed record VehicleSpec(int Phases, int MaxA, double? MinA, double EnergyShare);

    private sealed record PlugSpec(int Count, int[] Cuts, VehicleSpec[] Vehicles);

    private sealed record PriceSpec(int Kind, int[] Cuts, int[] Cents);
}

/// <summary>A generated problem with the CsCheck seed that makes it again.</summary>
/// <param name="Index">Its position in the fixed list.</param>
/// <param name="Seed">The CsCheck seed.</param>
/// <param name="Problem">The problem.</param>
public sealed record SeededProblem(int Index, string Seed, PlanningProblem Problem);
