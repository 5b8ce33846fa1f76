namespace Scheduler.Optimizer.Plans;

/// <summary>
/// Uncontrolled charging for comparison: every session at its maximum from arrival until it has its energy;
/// where a limit binds, every session under it is cut in proportion.
/// </summary>
/// <param name="Cost">Energy cost plus demand charge, in the tariff's currency.</param>
/// <param name="DeliveredKwh">The energy it delivers in all.</param>
/// <param name="PeakKw">Its highest slot-average import.</param>
public sealed record BaselineResult(double Cost, double DeliveredKwh, double PeakKw);
