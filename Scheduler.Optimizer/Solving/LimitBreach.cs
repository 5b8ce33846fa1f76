namespace Scheduler.Optimizer.Solving;

/// <summary>A limit a schedule breaks in one slot: a circuit on a phase, or the site's import.</summary>
/// <param name="Slot">The slot.</param>
/// <param name="Circuit">The circuit's index, or <see cref="Site"/> for the site's import limit.</param>
/// <param name="Phase">The phase (0 to 2) of a circuit; 0 for the site.</param>
/// <param name="Excess">By how much: amps for a circuit, kW for the site.</param>
internal sealed record LimitBreach(int Slot, int Circuit, int Phase, double Excess)
{
    /// <summary>The <see cref="Circuit"/> value of the site's import limit.</summary>
    public const int Site = -1;
}
