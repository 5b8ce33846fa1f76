using NodaTime;

namespace Scheduler.Optimizer.Plans;

/// <summary>An interval in which a session may draw one constant current.</summary>
/// <param name="Start">The first instant.</param>
/// <param name="End">The end (exclusive).</param>
/// <param name="CurrentA">The current per phase, in whole amps; 0 means paused.</param>
/// <param name="PowerKw">The power at that current: voltage × current × phases / 1000.</param>
public sealed record ChargingPeriod(Instant Start, Instant End, int CurrentA, double PowerKw);
