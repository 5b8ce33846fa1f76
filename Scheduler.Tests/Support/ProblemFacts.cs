using NodaTime;
using Scheduler.Optimizer.Model;

namespace Scheduler.Tests.Support;

/// <summary>
/// The planning model's semantics computed slot by slot, independently of the optimizer: coverage, the phases a
/// session loads, its current range, the base load, the import limit and the price of every slot. The checker
/// and the hand-made plans rest on this and nothing of the solver's.
/// </summary>
public sealed class ProblemFacts
{
    private static readonly Phase[] AllPhases = [Phase.L1, Phase.L2, Phase.L3];

    private readonly double[][] _coverage;
    private readonly Charger[] _chargers;
    private readonly Dictionary<string, Circuit> _circuits;

    /// <summary>Reads the problem; it must be valid (see <see cref="ProblemValidator"/>).</summary>
    public ProblemFacts(PlanningProblem problem)
    {
        Problem = problem;
        Window = problem.Window;
        SlotCount = Window.SlotCount;
        SlotHours = Window.SlotLength.TotalHours;
        VoltageV = problem.Site.VoltageV;
        _circuits = problem.Site.Circuits.ToDictionary(c => c.Id, StringComparer.Ordinal);
        var chargersById = problem.Site.Chargers.ToDictionary(c => c.Id, StringComparer.Ordinal);
        _chargers = problem.Sessions.Select(s => chargersById[s.ChargerId]).ToArray();
        _coverage = problem.Sessions
            .Select(s => Enumerable.Range(0, SlotCount).Select(k => CoverageOf(s, k)).ToArray())
            .ToArray();
    }

    /// <summary>The problem read.</summary>
    public PlanningProblem Problem { get; }

    /// <summary>The planning window.</summary>
    public PlanningWindow Window { get; }

    /// <summary>The number of slots.</summary>
    public int SlotCount { get; }

    /// <summary>The length of a slot, in hours.</summary>
    public double SlotHours { get; }

    /// <summary>The site's phase-to-neutral voltage.</summary>
    public double VoltageV { get; }

    /// <summary>The share of slot <paramref name="slot"/> that lies inside session <paramref name="session"/>'s window, 0 to 1.</summary>
    public double Coverage(int session, int slot) => _coverage[session][slot];

    /// <summary>Whether session <paramref name="session"/> is plugged in for any part of slot <paramref name="slot"/>.</summary>
    public bool IsPresent(int session, int slot) => _coverage[session][slot] > 0;

    /// <summary>The charger of session <paramref name="session"/>.</summary>
    public Charger ChargerOf(int session) => _chargers[session];

    /// <summary>φ: the phases a session charges on, the lower of the vehicle's and the charger's.</summary>
    public int Phases(int session) => Math.Min(Problem.Sessions[session].Phases, _chargers[session].Phases);

    /// <summary>The least current when on: the higher of the charger's and the vehicle's minimum.</summary>
    public double MinA(int session) => Math.Max(_chargers[session].MinCurrentA, Problem.Sessions[session].MinCurrentA ?? 0);

    /// <summary>The most current: the lower of the charger's and the vehicle's maximum.</summary>
    public double MaxA(int session) => Math.Min(_chargers[session].MaxCurrentA, Problem.Sessions[session].MaxCurrentA);

    /// <summary>The site phases a session draws from: all three for three-phase charging, else the charger's first phase.</summary>
    public IReadOnlyList<Phase> LoadedPhases(int session) =>
        Phases(session) == 3 ? AllPhases : [_chargers[session].PhaseRotation.FirstPhase()];

    /// <summary>The circuit of a charger and every circuit above it, nearest first.</summary>
    public IReadOnlyList<Circuit> CircuitsAbove(Charger charger)
    {
        var chain = new List<Circuit>();
        var id = charger.CircuitId;
        while (id is not null && _circuits.TryGetValue(id, out var circuit) && chain.Count <= _circuits.Count)
        {
            chain.Add(circuit);
            id = circuit.ParentId;
        }

        return chain;
    }

    /// <summary>The energy one amp delivers to session <paramref name="session"/> in slot <paramref name="slot"/>, in kWh.</summary>
    public double KwhPerAmp(int session, int slot) => FullSlotKwhPerAmp(session) * _coverage[session][slot];

    /// <summary>The energy one amp delivers to a session over a whole slot, in kWh: one amp-slot.</summary>
    public double FullSlotKwhPerAmp(int session) => VoltageV * Phases(session) * SlotHours / 1000;

    /// <summary>The power of a session at a current while it draws, in kW: V × I × φ / 1000.</summary>
    public double PowerKw(int session, double currentA) => VoltageV * currentA * Phases(session) / 1000;

    /// <summary>
    /// The base load the limits are checked against: the highest instantaneous base load over any part of the slot,
    /// overlapping intervals added up, where a part that no interval covers counts as 0.
    /// </summary>
    public double BaseLoadKw(int slot)
    {
        var start = Window.SlotStart(slot);
        var end = Window.SlotEnd(slot);

        // The sum only changes at an interval's start or end, so it is enough to look at the slot's start and at
        // every boundary inside the slot.
        var moments = Problem.Site.BaseLoad
            .SelectMany(b => new[] { b.Start, b.End })
            .Where(t => t > start && t < end)
            .Append(start);
        return moments.Max(t => Problem.Site.BaseLoad.Where(b => b.Start <= t && t < b.End).Sum(b => b.Kw));
    }

    /// <summary>The time-weighted average base load over the slot, overlapping intervals added up.</summary>
    public double AverageBaseLoadKw(int slot)
    {
        var start = Window.SlotStart(slot);
        var end = Window.SlotEnd(slot);
        var slotTicks = (double)(end - start).BclCompatibleTicks;
        return Problem.Site.BaseLoad.Sum(b => b.Kw * Overlap(b.Start, b.End, start, end).BclCompatibleTicks / slotTicks);
    }

    /// <summary>
    /// Each demand charge's bill on the given slot-average imports: the highest import over the slots whose middle
    /// lies in one of its intervals (every slot without intervals), above its recorded peak, times its price.
    /// </summary>
    public IReadOnlyList<(string Id, double PeakKw, double BilledKw, double Amount)> DemandBills(IReadOnlyList<double> slotImportKw)
    {
        var bills = new List<(string, double, double, double)>();
        foreach (var charge in Problem.Tariff.DemandCharges)
        {
            var covered = Enumerable.Range(0, SlotCount).Where(k =>
            {
                var middle = Window.SlotStart(k) + ((Window.SlotEnd(k) - Window.SlotStart(k)) / 2);
                return charge.Intervals.Count == 0 || charge.Intervals.Any(i => i.Start <= middle && middle < i.End);
            }).ToList();
            var peak = covered.Count == 0 ? 0 : Math.Max(0, covered.Max(k => slotImportKw[k]));
            var billed = Math.Max(0, peak - charge.PeakSoFarKw);
            bills.Add((charge.Id, peak, billed, billed * charge.PerKw));
        }

        return bills;
    }

    /// <summary>The import limit of the slot: the grid connection, and every grid signal that overlaps the slot even in part.</summary>
    public double LimitKw(int slot)
    {
        var start = Window.SlotStart(slot);
        var end = Window.SlotEnd(slot);
        return Problem.GridSignals
            .Where(g => g.Start < end && g.End > start)
            .Select(g => g.MaxImportKw)
            .Aggregate(Problem.Site.GridLimitKw, Math.Min);
    }

    /// <summary>The ids of the grid signals that overlap the slot.</summary>
    public IReadOnlyList<string> SignalsIn(int slot)
    {
        var start = Window.SlotStart(slot);
        var end = Window.SlotEnd(slot);
        return Problem.GridSignals.Where(g => g.Start < end && g.End > start).Select(g => g.Id).ToList();
    }

    /// <summary>The time-weighted average energy price of the slot, per kWh.</summary>
    public double PricePerKwh(int slot)
    {
        var start = Window.SlotStart(slot);
        var end = Window.SlotEnd(slot);
        var slotTicks = (double)(end - start).BclCompatibleTicks;
        return Problem.Tariff.Prices
            .Where(p => p.Start < end && p.End > start)
            .Sum(p => p.PerKwh * Overlap(p.Start, p.End, start, end).BclCompatibleTicks / slotTicks);
    }

    /// <summary>The part of [a, b) inside [c, d), as a duration (zero when apart).</summary>
    public static Duration Overlap(Instant a, Instant b, Instant c, Instant d)
    {
        var from = Instant.Max(a, c);
        var to = Instant.Min(b, d);
        return to > from ? to - from : Duration.Zero;
    }

    private double CoverageOf(Session session, int slot)
    {
        var start = Window.SlotStart(slot);
        var end = Window.SlotEnd(slot);
        return (double)Overlap(session.Arrival, session.Departure, start, end).BclCompatibleTicks / (end - start).BclCompatibleTicks;
    }
}
