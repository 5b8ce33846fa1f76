using Scheduler.Optimizer.Model;
using Scheduler.Optimizer.Solving.Pricing;

namespace Scheduler.Optimizer.Solving.Grid;

/// <summary>One session on the slot grid: the slots it may use, how much of each, its current range and its load.</summary>
internal sealed class SessionSlots
{
    private SessionSlots(int index, int first, double[] coverage, int minA, int maxA, int phases, int phaseMask, double kwPerAmp, double energyKwh, double topUpKwh, int[] circuitChain, double slotHours)
    {
        Index = index;
        First = first;
        Coverage = coverage;
        MinA = minA;
        MaxA = maxA;
        Phases = phases;
        PhaseMask = phaseMask;
        KwPerAmp = kwPerAmp;
        EnergyKwh = energyKwh + topUpKwh;
        TopUpKwh = topUpKwh;

        // The plan aims at the whole request and its top-up; whole amps may leave the request a fraction of a step
        // short, which the objective prices gently, as it prices a top-up not given (see ObjectiveTerms.Segments).
        TargetKwh = EnergyKwh;
        CircuitChain = circuitChain;
        KwhPerAmp = new double[coverage.Length];
        for (var j = 0; j < coverage.Length; j++)
        {
            KwhPerAmp[j] = kwPerAmp * slotHours * coverage[j];
        }
    }

    public int Index { get; }

    /// <summary>The first slot the session covers; local index j means slot First + j.</summary>
    public int First { get; }

    /// <summary>The number of slots it covers, at least in part.</summary>
    public int Length => Coverage.Length;

    /// <summary>Whether some covered slot lies only in part inside the session's window (so its amps give odd energies).</summary>
    public bool HasPartialSlot => Coverage.Any(c => c < 1 - Tolerance.Coverage);

    /// <summary>The fraction of each covered slot inside the session's window.</summary>
    public double[] Coverage { get; }

    /// <summary>The energy one amp delivers in each covered slot, in kWh.</summary>
    public double[] KwhPerAmp { get; }

    /// <summary>The least current when on, whole amps, at least 1.</summary>
    public int MinA { get; }

    /// <summary>The most current, whole amps (0 when it cannot charge at all).</summary>
    public int MaxA { get; }

    /// <summary>Whether the session may run <paramref name="currentA"/> in a slot: 0, or from its minimum to its maximum.</summary>
    public bool AllowsCurrent(int currentA) => currentA == 0 || (currentA >= MinA && currentA <= MaxA);

    public int Phases { get; }

    /// <summary>Bit p set when the session loads phase L(p+1).</summary>
    public int PhaseMask { get; }

    /// <summary>The power of one amp on all its phases, in kW.</summary>
    public double KwPerAmp { get; }

    /// <summary>The most energy the session may take: its request and its top-up.</summary>
    public double EnergyKwh { get; }

    /// <summary>The part of <see cref="EnergyKwh"/> beyond the request: given only where it raises no peak.</summary>
    public double TopUpKwh { get; }

    /// <summary>The energy the plan aims at: the request and its top-up.</summary>
    public double TargetKwh { get; }

    /// <summary>The circuits above its charger, nearest first.</summary>
    public int[] CircuitChain { get; }

    public static SessionSlots Create(int index, Session session, Charger charger, int[] chain, PlanningWindow window, double voltageV)
    {
        var phases = Math.Min(session.Phases, charger.Phases);
        var mask = phases == 3 ? 0b111 : 1 << (int)charger.PhaseRotation.FirstPhase();
        var minA = Math.Max(1, (int)Math.Ceiling(Math.Max(charger.MinCurrentA, session.MinCurrentA ?? 0) - 1e-9));
        var maxA = (int)Math.Floor(Math.Min(charger.MaxCurrentA, session.MaxCurrentA) + 1e-9);
        if (maxA < minA || session.EnergyKwh + session.TopUpKwh <= 0)
        {
            maxA = 0;
        }

        var first = 0;
        var coverage = Array.Empty<double>();
        if (maxA > 0 && session.Departure > window.Start && session.Arrival < window.End)
        {
            var covered = new List<(int Slot, double Coverage)>();
            SlotModel.ForTouchedSlots(window, session.Arrival, session.Departure, k => covered.Add((k, SlotModel.Coverage(window, k, session.Arrival, session.Departure))));
            covered.RemoveAll(c => c.Coverage <= 0);
            if (covered.Count > 0)
            {
                first = covered[0].Slot;
                coverage = covered.Select(c => c.Coverage).ToArray();
            }
        }

        return new SessionSlots(index, first, coverage, minA, maxA, phases, mask, voltageV * phases / 1000.0, session.EnergyKwh, session.TopUpKwh, chain, window.SlotLength.TotalHours);
    }
}
