namespace Scheduler.Optimizer.Solving;

/// <summary>
/// The numerical slack every stage of the solver allows, named once. Currents are whole amps and energies are
/// products of a few decimal inputs, so these sit far above rounding noise and far below anything a site can see.
/// </summary>
internal static class Tolerance
{
    /// <summary>Amps: a computed current this close above a whole amp counts as that amp (floors and ceilings).</summary>
    public const double Amps = 1e-9;

    /// <summary>Amps: an LP current this close to a whole amp is taken as whole when rounding.</summary>
    public const double LpAmps = 1e-6;

    /// <summary>kW or A: a load above its limit by more than this breaks the limit.</summary>
    public const double Limit = 1e-7;

    /// <summary>kWh: energies closer than this are equal (a session is full, a move keeps the energy).</summary>
    public const double Energy = 1e-9;

    /// <summary>Currency: a change must save more than this to count as saving.</summary>
    public const double Money = 1e-9;

    /// <summary>Currency per unit: a column whose reduced cost is below minus this improves the LP.</summary>
    public const double ReducedCost = 1e-9;

    /// <summary>A share of a slot: coverage this close to 1 is a whole slot.</summary>
    public const double Coverage = 1e-12;

    /// <summary>Relative: a plan whose objective is within this share (0.01 %) of its lower bound is called optimal.</summary>
    public const double OptimalGap = 1e-4;
}
