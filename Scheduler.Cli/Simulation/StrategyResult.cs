namespace Scheduler.Cli.Simulation;

/// <summary>How one strategy did over a replay.</summary>
/// <param name="Name">scheduler, uncontrolled, greedy or offline.</param>
/// <param name="Cost">The charging energy's cost plus the demand charges of each billing period, in <paramref name="Currency"/>.</param>
/// <param name="Currency">The tariff's currency.</param>
/// <param name="RequestedKwh">What the drivers asked for at arrival (or the default), each capped at what the vehicle really took.</param>
/// <param name="DeliveredKwh">What the vehicles got.</param>
/// <param name="CostPerKwh">The cost per kWh delivered: strategies that deliver different energy compare here.</param>
/// <param name="FullyServedPct">The share of sessions that got their request (within 0.2 kWh or 1 %).</param>
/// <param name="PeakKw">The highest slot-average import of the site (charging and base load).</param>
/// <param name="Violations">Limits broken: one per circuit phase or site limit and minute; must be 0 for the scheduler.</param>
/// <param name="SlotImportKw">The site's import per slot, for the chart.</param>
/// <param name="LowerBound">For the offline optimum, the LP lower bound on its plan's objective; null otherwise.</param>
/// <param name="PlanObjective">For the offline optimum, its plan's objective: the planned cost plus the penalty on shortfall; null otherwise.</param>
internal sealed record StrategyResult(
    string Name,
    double Cost,
    string Currency,
    double RequestedKwh,
    double DeliveredKwh,
    double CostPerKwh,
    double FullyServedPct,
    double PeakKw,
    int Violations,
    IReadOnlyList<double> SlotImportKw,
    double? LowerBound = null,
    double? PlanObjective = null)
{
    /// <summary>For the offline optimum, the wall time of its one plan of the whole replay, in milliseconds; null otherwise.</summary>
    public long? PlanMs { get; init; }

    /// <summary>The bill of each billing period of the replay, in order; their totals add up to <see cref="Cost"/>.</summary>
    public IReadOnlyList<PeriodBill> Periods { get; init; } = [];
}
