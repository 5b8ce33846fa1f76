using Scheduler.Optimizer.Model;

namespace Scheduler.Functions.Planning;

/// <summary>The prices found for a planning window.</summary>
/// <param name="Prices">Non-overlapping prices covering [window start, <paramref name="End"/>).</param>
/// <param name="End">Where the priced window ends: the asked-for end, or earlier when prices run out and nothing stands in.</param>
/// <param name="Sources">Where each stretch came from.</param>
/// <param name="Fallback">How the prices were degraded (see <see cref="PlanInputs.PriceFallback"/>).</param>
/// <param name="Warnings">Problems met on the way.</param>
public sealed record WindowPrices(
    IReadOnlyList<PriceInterval> Prices,
    NodaTime.Instant End,
    IReadOnlyList<PriceSource> Sources,
    string Fallback,
    IReadOnlyList<string> Warnings);
