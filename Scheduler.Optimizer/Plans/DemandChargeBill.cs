namespace Scheduler.Optimizer.Plans;

/// <summary>What one demand charge bills for a plan: <see cref="PerKw"/> × <see cref="BilledKw"/>.</summary>
/// <param name="ChargeId">The charge's id in the tariff.</param>
/// <param name="PerKw">Its price per kW.</param>
/// <param name="PeakKw">The highest slot-average import over the slots it covers in the window; 0 where it covers none.</param>
/// <param name="PeakSoFarKw">The peak already recorded for it in the billing period.</param>
/// <param name="BilledKw">max(0, <see cref="PeakKw"/> − <see cref="PeakSoFarKw"/>): the new part of the peak.</param>
/// <param name="Amount">What it costs, in the tariff's currency.</param>
/// <param name="CoveredSlots">How many slots of the window it covers.</param>
public sealed record DemandChargeBill(
    string ChargeId,
    double PerKw,
    double PeakKw,
    double PeakSoFarKw,
    double BilledKw,
    double Amount,
    int CoveredSlots);
