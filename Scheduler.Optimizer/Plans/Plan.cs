using Scheduler.Optimizer.Model;

namespace Scheduler.Optimizer.Plans;

/// <summary>The outcome of planning one site: a current for every session in every slot, and what it costs.</summary>
public sealed record Plan
{
    /// <summary>How it was reached.</summary>
    public required PlanStatus Status { get; init; }

    /// <summary>Why the solver's answer was not used, when <see cref="Status"/> is <see cref="PlanStatus.Fallback"/>.</summary>
    public string? FallbackReason { get; init; }

    /// <summary>The window and slot grid planned.</summary>
    public required PlanningWindow Window { get; init; }

    /// <summary>The tariff's currency.</summary>
    public required string Currency { get; init; }

    /// <summary>What the site pays for charging: <see cref="EnergyCost"/> + <see cref="DemandCost"/>.</summary>
    public required double Cost { get; init; }

    /// <summary>The price of the charging energy, slot by slot.</summary>
    public required double EnergyCost { get; init; }

    /// <summary>The demand charges on the plan's peaks (base load included, as the utility meters it): the sum of <see cref="DemandCharges"/>.</summary>
    public required double DemandCost { get; init; }

    /// <summary>Each demand charge of the tariff with its peak, the kW billed and the amount, in the tariff's order.</summary>
    public IReadOnlyList<DemandChargeBill> DemandCharges { get; init; } = [];

    /// <summary>The highest slot-average import, in kW.</summary>
    public required double PeakKw { get; init; }

    /// <summary>
    /// What the optimizer minimises, in the currency: <see cref="Cost"/> plus the penalty on shortfall, and the worth
    /// of any top-up not given (each kWh at the dearest price of its session's window and a cent). It equals
    /// <see cref="Cost"/> when every driver gets their energy and no session has a top-up left.
    /// </summary>
    public required double Objective { get; init; }

    /// <summary>
    /// The optimum of the continuous relaxation (fractional amps, no minimum current) in the terms of
    /// <see cref="Objective"/>: no plan can do better. Null when the relaxation could not be solved.
    /// </summary>
    public required double? LowerBound { get; init; }

    /// <summary>(Objective − LowerBound) / |LowerBound| in percent; null without a lower bound.</summary>
    public double? GapPct => LowerBound is { } bound
        ? 100.0 * (Objective - bound) / Math.Max(Math.Abs(bound), 1e-9)
        : null;

    /// <summary>Wall time of the solve, in milliseconds (informational; the plan never depends on it).</summary>
    public required long SolveMs { get; init; }

    /// <summary>Uncontrolled charging on the same inputs.</summary>
    public required BaselineResult Baseline { get; init; }

    /// <summary>Every session's schedule, in the problem's order.</summary>
    public required IReadOnlyList<SessionPlan> Sessions { get; init; }

    /// <summary>The site's load slot by slot.</summary>
    public required IReadOnlyList<SiteLoadSlot> SiteLoad { get; init; }

    /// <summary>Requested energy in all, kWh.</summary>
    public double RequestedKwh => Sessions.Sum(s => s.RequestedKwh);

    /// <summary>Delivered energy in all, kWh.</summary>
    public double DeliveredKwh => Sessions.Sum(s => s.DeliveredKwh);

    /// <summary>Shortfall in all, kWh.</summary>
    public double ShortfallKwh => Sessions.Sum(s => s.ShortfallKwh);
}
