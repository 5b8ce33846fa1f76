using NodaTime;

namespace Scheduler.Cli.Simulation;

/// <summary>A replay's outcome: every strategy on the same history.</summary>
/// <param name="Strategies">scheduler, uncontrolled, greedy, offline, in that order.</param>
/// <param name="Sessions">The sessions replayed.</param>
/// <param name="Replans">How often the scheduler planned.</param>
/// <param name="WallMs">The replay's wall time, in ms.</param>
/// <param name="Start">The replay's start.</param>
/// <param name="SlotLength">The slot length of <see cref="StrategyResult.SlotImportKw"/>.</param>
/// <param name="SlotPricePerKwh">The price of each slot (time-weighted).</param>
/// <param name="SlotLimitKw">The site's import limit in each slot (the tightest minute).</param>
/// <param name="Warnings">What the replay could not do as history did.</param>
internal sealed record SimulationResult(
    IReadOnlyList<StrategyResult> Strategies,
    int Sessions,
    int Replans,
    long WallMs,
    Instant Start,
    Duration SlotLength,
    IReadOnlyList<double> SlotPricePerKwh,
    IReadOnlyList<double> SlotLimitKw,
    IReadOnlyList<string> Warnings)
{
    /// <summary>The slots from <paramref name="from"/> to <paramref name="to"/> alone (for a chart of one billing period).</summary>
    public SimulationResult Slice(Instant from, Instant to)
    {
        var first = (int)((from - Start).BclCompatibleTicks / SlotLength.BclCompatibleTicks);
        var count = (int)((to - from).BclCompatibleTicks / SlotLength.BclCompatibleTicks);
        IReadOnlyList<double> Cut(IReadOnlyList<double> slots) => [.. slots.Skip(first).Take(count)];
        return this with
        {
            Start = from,
            Strategies = [.. Strategies.Select(s => s with { SlotImportKw = Cut(s.SlotImportKw) })],
            SlotPricePerKwh = Cut(SlotPricePerKwh),
            SlotLimitKw = Cut(SlotLimitKw),
        };
    }
}
