namespace Scheduler.Optimizer.Solving.Grid;

/// <summary>A demand charge on the slot grid: what it costs per kW above its recorded peak, and the slots it covers.</summary>
/// <param name="Id">The charge's id.</param>
/// <param name="PerKw">Its price per kW, above zero.</param>
/// <param name="PeakSoFarKw">The peak already recorded for it: import up to here costs nothing more.</param>
/// <param name="Slots">The slots it covers, ascending; at least one.</param>
internal sealed record DemandTerm(string Id, double PerKw, double PeakSoFarKw, int[] Slots);
