using NodaTime;
using Scheduler.Optimizer.Plans;

namespace Scheduler.Cli.Simulation;

/// <summary>What one strategy paid in one billing period of the replay.</summary>
/// <param name="Period">The period's id: the year and month it starts in, e.g. <c>2021-07</c>.</param>
/// <param name="Start">Its start within the replay.</param>
/// <param name="End">Its end within the replay (exclusive).</param>
/// <param name="EnergyKwh">The charging energy delivered in it, in kWh.</param>
/// <param name="EnergyCost">What that energy cost.</param>
/// <param name="DemandCharges">Each demand charge of the period, billed on the period's peak over its hours.</param>
internal sealed record PeriodBill(
    string Period,
    Instant Start,
    Instant End,
    double EnergyKwh,
    double EnergyCost,
    IReadOnlyList<DemandChargeBill> DemandCharges)
{
    /// <summary>Energy and demand charges.</summary>
    public double Total => EnergyCost + DemandBilling.Total(DemandCharges);
}
