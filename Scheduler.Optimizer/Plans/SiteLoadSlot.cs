using NodaTime;

namespace Scheduler.Optimizer.Plans;

/// <summary>The site's load in one slot.</summary>
/// <param name="Start">The slot's start.</param>
/// <param name="End">The slot's end.</param>
/// <param name="Kw">The average import over the slot: charging plus base load, in kW.</param>
/// <param name="ChargingKw">The average charging power over the slot, in kW.</param>
/// <param name="BaseLoadKw">The average base load over the slot, in kW.</param>
/// <param name="LimitKw">The import limit in force: the grid connection, tightened by grid signals.</param>
/// <param name="PerKwh">The energy price of the slot.</param>
public sealed record SiteLoadSlot(Instant Start, Instant End, double Kw, double ChargingKw, double BaseLoadKw, double LimitKw, double PerKwh);
