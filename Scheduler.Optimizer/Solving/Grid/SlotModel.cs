using NodaTime;
using Scheduler.Optimizer.Model;

namespace Scheduler.Optimizer.Solving.Grid;

/// <summary>
/// A <see cref="PlanningProblem"/> compiled onto its slot grid: arrays indexed by slot, session and circuit,
/// which every stage of the solver (relaxation, repair, exact stage, baseline) reads.
/// </summary>
internal sealed class SlotModel
{
    private Loads? _peaks;
    private bool[]? _circuitUsed;
    private IReadOnlyList<(int Session, int Local)>[]? _present;
    private int[]? _slotsCheapestFirst;

    private SlotModel(
        PlanningProblem problem,
        double slotHours,
        double[] pricePerKwh,
        double[] baseAverageKw,
        double[] limitKw,
        double[] headroomKw,
        SessionSlots[] sessions,
        CircuitNode[] circuits,
        DemandTerm[] demandTerms)
    {
        Problem = problem;
        SlotHours = slotHours;
        PricePerKwh = pricePerKwh;
        BaseAverageKw = baseAverageKw;
        LimitKw = limitKw;
        HeadroomKw = headroomKw;
        Sessions = sessions;
        Circuits = circuits;
        DemandTerms = demandTerms;
        DemandPerKw = new double[pricePerKwh.Length];
        var termsAt = Enumerable.Range(0, pricePerKwh.Length).Select(_ => new List<int>()).ToArray();
        for (var d = 0; d < demandTerms.Length; d++)
        {
            foreach (var k in demandTerms[d].Slots)
            {
                DemandPerKw[k] += demandTerms[d].PerKw;
                termsAt[k].Add(d);
            }
        }

        TermsAt = termsAt.Select(t => t.ToArray()).ToArray();
    }

    public PlanningProblem Problem { get; }

    public int SlotCount => PricePerKwh.Length;

    public double SlotHours { get; }

    /// <summary>The time-weighted average price of each slot.</summary>
    public double[] PricePerKwh { get; }

    /// <summary>The average base load of each slot, for cost and demand; the first slot's holds what was drawn in it before the plan.</summary>
    public double[] BaseAverageKw { get; }

    /// <summary>The site import limit of each slot: the grid connection tightened by every signal touching the slot.</summary>
    public double[] LimitKw { get; }

    /// <summary>What charging may draw in each slot: the limit less the highest base load in it, never below zero.</summary>
    public double[] HeadroomKw { get; }

    public SessionSlots[] Sessions { get; }

    public CircuitNode[] Circuits { get; }

    /// <summary>The demand charges that cost something (price above zero), on the slot grid.</summary>
    public DemandTerm[] DemandTerms { get; }

    /// <summary>Per slot, the indices of the demand terms covering it.</summary>
    public int[][] TermsAt { get; }

    /// <summary>Per slot, the summed price per kW of every charge covering it: what one more kW of average import there could cost at most.</summary>
    public double[] DemandPerKw { get; }

    /// <summary>Per circuit, whether some session that can draw is below it: the others carry nothing and need no loads kept.</summary>
    public bool[] CircuitUsed => _circuitUsed ??= Circuits.Select(c => c.SessionsOnPhase.Any(p => p.Length > 0)).ToArray();

    /// <summary>Per slot, the (session, local slot) pairs of the sessions that cover it; computed once on first use.</summary>
    public IReadOnlyList<(int Session, int Local)>[] Present => _present ??= SessionsBySlot();

    /// <summary>
    /// The window's slots, cheapest first by the price a kWh costs the objective (the energy price plus the
    /// tie-break, which is the same for every session); earlier first among equals. Computed once on first use.
    /// </summary>
    public int[] SlotsCheapestFirst => _slotsCheapestFirst ??= Enumerable.Range(0, SlotCount)
        .OrderBy(EffectivePricePerKwh)
        .ThenBy(k => k)
        .ToArray();

    /// <summary>The price a kWh in slot k costs the objective, whichever session draws it: the energy price plus the tie-break.</summary>
    public double EffectivePricePerKwh(int k) => PricePerKwh[k] + Pricing.ObjectiveTerms.TieBreak(SlotCount, k);

    /// <summary>The loads with every session at its maximum, computed once on first use.</summary>
    public Loads Peaks => _peaks ??= Loads.AtMaximum(this);

    /// <summary>Whether any demand charge costs something.</summary>
    public bool HasDemandCharges => DemandTerms.Length > 0;

    /// <summary>The number of (session, slot) pairs in which a session may draw current.</summary>
    public int PairCount => Sessions.Sum(s => s.Length);

    public static SlotModel Build(PlanningProblem problem)
    {
        var window = problem.Window;
        var slots = window.SlotCount;
        var slotHours = window.SlotLength.TotalHours;

        var price = new double[slots];
        foreach (var interval in problem.Tariff.Prices)
        {
            AddWeighted(window, interval.Start, interval.End, interval.PerKwh, price);
        }

        var baseAverage = new double[slots];
        foreach (var interval in problem.Site.BaseLoad)
        {
            AddWeighted(window, interval.Start, interval.End, interval.Kw, baseAverage);
        }

        // What the chargers drew in the first slot before the plan counts toward its average import (and so its demand).
        if (slots > 0)
        {
            baseAverage[0] += problem.DrawnSoFarKwh / slotHours;
        }

        var baseMax = BaseLoadPeaks(window, problem.Site.BaseLoad);
        var limit = Enumerable.Repeat(problem.Site.GridLimitKw, slots).ToArray();
        foreach (var signal in problem.GridSignals)
        {
            ForTouchedSlots(window, signal.Start, signal.End, k => limit[k] = Math.Min(limit[k], signal.MaxImportKw));
        }

        // A negative base load (the site exports) is headroom for charging, as the forecast says.
        var headroom = new double[slots];
        for (var k = 0; k < slots; k++)
        {
            headroom[k] = Math.Max(0, limit[k] - baseMax[k]);
        }

        var circuitIndex = problem.Site.Circuits
            .Select((c, i) => (c.Id, i))
            .ToDictionary(p => p.Id, p => p.i, StringComparer.Ordinal);
        var chargers = problem.Site.Chargers.ToDictionary(c => c.Id, StringComparer.Ordinal);
        var tree = new CircuitTree(problem.Site.Circuits);

        var sessions = new SessionSlots[problem.Sessions.Count];
        var below = problem.Site.Circuits.Select(_ => new List<int>[] { [], [], [] }).ToArray();
        for (var i = 0; i < sessions.Length; i++)
        {
            var session = problem.Sessions[i];
            var charger = chargers[session.ChargerId];
            var chain = tree.Above(charger.CircuitId).Select(c => circuitIndex[c.Id]).ToArray();
            sessions[i] = SessionSlots.Create(i, session, charger, chain, window, problem.Site.VoltageV);
            if (sessions[i].Length == 0)
            {
                continue;
            }

            foreach (var c in chain)
            {
                for (var p = 0; p < 3; p++)
                {
                    if ((sessions[i].PhaseMask & (1 << p)) != 0)
                    {
                        below[c][p].Add(i);
                    }
                }
            }
        }

        var circuits = problem.Site.Circuits
            .Select((c, i) => new CircuitNode(c.Id, c.MaxCurrentA, below[i].Select(l => l.ToArray()).ToArray()))
            .ToArray();

        var demandTerms = problem.Tariff.DemandCharges
            .Where(d => d.PerKw > 0)
            .Select(d => new DemandTerm(d.Id, d.PerKw, d.PeakSoFarKw, Enumerable.Range(0, slots).Where(k => d.Covers(window.SlotStart(k), window.SlotEnd(k))).ToArray()))
            .Where(d => d.Slots.Length > 0)
            .ToArray();
        return new SlotModel(problem, slotHours, price, baseAverage, limit, headroom, sessions, circuits, demandTerms);
    }

    /// <summary>
    /// The highest instantaneous base load inside each slot. Overlapping intervals add up; a part of a slot that no
    /// interval covers has no base load, so a slot half covered by an export still counts a zero.
    /// </summary>
    private static double[] BaseLoadPeaks(PlanningWindow window, IReadOnlyList<Model.BaseLoadInterval> baseLoad)
    {
        var peaks = Enumerable.Repeat(double.NegativeInfinity, window.SlotCount).ToArray();
        var steps = new SortedDictionary<Instant, double>();
        foreach (var interval in baseLoad)
        {
            if (interval.End <= window.Start || interval.Start >= window.End)
            {
                continue;
            }

            steps[interval.Start] = steps.GetValueOrDefault(interval.Start) + interval.Kw;
            steps[interval.End] = steps.GetValueOrDefault(interval.End) - interval.Kw;
        }

        // Sweep the steps: between two of them the sum is constant, and every slot that stretch touches sees it.
        var level = 0.0;
        var from = window.Start;
        void Apply(Instant until)
        {
            var value = level;
            ForTouchedSlots(window, from, until, k => peaks[k] = Math.Max(peaks[k], value));
        }

        foreach (var (at, change) in steps)
        {
            if (at > from)
            {
                Apply(at);
                from = at;
            }

            level += change;
        }

        if (from < window.End)
        {
            Apply(window.End);
        }

        return peaks;
    }

    private IReadOnlyList<(int Session, int Local)>[] SessionsBySlot()
    {
        var present = Enumerable.Range(0, SlotCount).Select(_ => new List<(int, int)>()).ToArray();
        foreach (var s in Sessions)
        {
            for (var j = 0; j < s.Length; j++)
            {
                present[s.First + j].Add((s.Index, j));
            }
        }

        return present;
    }

    /// <summary>Adds value × (the fraction of each slot that [start, end) covers) to the slots.</summary>
    private static void AddWeighted(PlanningWindow window, Instant start, Instant end, double value, double[] target)
    {
        ForTouchedSlots(window, start, end, k => target[k] += value * Coverage(window, k, start, end));
    }

    /// <summary>Calls the action for every slot that [start, end) overlaps, even partly.</summary>
    public static void ForTouchedSlots(PlanningWindow window, Instant start, Instant end, Action<int> action)
    {
        if (end <= window.Start || start >= window.End)
        {
            return;
        }

        var slotTicks = window.SlotLength.BclCompatibleTicks;
        var first = (int)Math.Max(0, (start - window.Start).BclCompatibleTicks / slotTicks);
        var lastExclusive = (int)Math.Min(window.SlotCount, CeilDiv((end - window.Start).BclCompatibleTicks, slotTicks));
        for (var k = first; k < lastExclusive; k++)
        {
            action(k);
        }
    }

    /// <summary>The fraction of slot k that [start, end) covers, from 0 to 1.</summary>
    public static double Coverage(PlanningWindow window, int k, Instant start, Instant end)
    {
        var slotStart = window.SlotStart(k);
        var slotEnd = window.SlotEnd(k);
        var overlapStart = Instant.Max(slotStart, start);
        var overlapEnd = Instant.Min(slotEnd, end);
        if (overlapEnd <= overlapStart)
        {
            return 0;
        }

        return (double)(overlapEnd - overlapStart).BclCompatibleTicks / window.SlotLength.BclCompatibleTicks;
    }

    private static long CeilDiv(long a, long b) => a >= 0 ? (a + b - 1) / b : a / b;
}
