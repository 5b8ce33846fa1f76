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
    /// The base load the limits are checked against: the highest base-load value over any part of the slot,
    /// where a part that no interval covers counts as 0.
    /// </summary>
    public double BaseLoadKw(int slot)
    {
        var start = Window.SlotStart(slot);
        var end = Window.SlotEnd(slot);
        var overlapping = Problem.Site.BaseLoad.Where(b => b.Start < end && b.End > start).ToList();
        var covered = overlapping.Sum(b => Overlap(b.Start, b.End, start, end).BclCompatibleTicks);
        var highest = overlapping.Count == 0 ? 0 : overlapping.Max(b => b.Kw);
        var fullyCovered = !IntervalsOverlap(overlapping.Select(b => (b.Start, b.End)))
            && covered >= (end - start).BclCompatibleTicks;
        return fullyCovered ? highest : Math.Max(highest, 0);
    }

    /// <summary>
    /// The time-weighted average base load over the slot, or null where base-load intervals overlap one another
    /// inside it (then "average" has no single meaning).
    /// </summary>
    public double? AverageBaseLoadKw(int slot)
    {
        var start = Window.SlotStart(slot);
        var end = Window.SlotEnd(slot);
        var overlapping = Problem.Site.BaseLoad.Where(b => b.Start < end && b.End > start).ToList();
        if (IntervalsOverlap(overlapping.Select(b => (b.Start, b.End))))
        {
            return null;
        }

        var slotTicks = (double)(end - start).BclCompatibleTicks;
        return overlapping.Sum(b => b.Kw * Overlap(b.Start, b.End, start, end).BclCompatibleTicks / slotTicks);
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

    private static bool IntervalsOverlap(IEnumerable<(Instant Start, Instant End)> intervals)
    {
        var sorted = intervals.OrderBy(i => i.Start).ToList();
        for (var j = 1; j < sorted.Count; j++)
        {
            var reach = sorted.Take(j).Max(i => i.End);
            if (sorted[j].Start < reach)
            {
                return true;
            }
        }

        return false;
    }
}
