namespace Scheduler.Functions.Sessions;

/// <summary>The electrical limits a session is planned within: its charger's, tightened by what its vehicle said.</summary>
/// <param name="MaxCurrentA">The most current per phase, in A.</param>
/// <param name="MinCurrentA">The vehicle's least current per phase where it is above the charger's, in A; null otherwise.</param>
/// <param name="Phases">The phases planned: 1 or 3.</param>
/// <param name="MaxSchedulePeriods">The most periods its profile may hold: the charger's, or fewer where the vehicle follows fewer.</param>
/// <param name="Source">charger, or vehicle where the vehicle's needs changed any of them.</param>
/// <param name="CanCharge">False where the vehicle's least current is above the most the charger gives: nothing can be planned.</param>
public sealed record SessionLimits(double MaxCurrentA, double? MinCurrentA, int Phases, int MaxSchedulePeriods, string Source, bool CanCharge = true);
