using Scheduler.Optimizer.Solving.Grid;

namespace Scheduler.Optimizer.Solving.Formulation;

/// <summary>
/// Which rows could ever bind: a limit that holds even with every session below it at its maximum needs no row,
/// and a demand charge whose slot cannot pass the recorded peak needs none either.
/// </summary>
internal static class RowBounds
{
    /// <summary>Whether the sessions below circuit c on phase p, all at their maximum in slot k, would exceed its limit.</summary>
    public static bool CircuitCouldBind(SlotModel model, int c, int p, int k) =>
        model.Peaks.CircuitAmps(c, p, k) > model.Circuits[c].LimitA + Tolerance.Limit;

    /// <summary>Whether every session at its maximum in slot k would exceed the site's charging headroom.</summary>
    public static bool SiteCouldBind(SlotModel model, int k) =>
        model.Peaks.ChargingKw[k] > model.HeadroomKw[k] + Tolerance.Limit;

    /// <summary>Whether slot k's average import could pass demand term d's recorded peak.</summary>
    public static bool DemandCouldBind(SlotModel model, int d, int k) =>
        model.BaseAverageKw[k] + model.Peaks.AverageChargingKw[k] > model.DemandTerms[d].PeakSoFarKw + Tolerance.Limit;
}
