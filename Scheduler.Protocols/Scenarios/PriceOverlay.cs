using Scheduler.Optimizer.Model;

namespace Scheduler.Protocols.Scenarios;

/// <summary>Lays price overrides over a tariff's prices: inside an override, its price holds; elsewhere the tariff's.</summary>
public static class PriceOverlay
{
    /// <summary>The tariff's prices with every override cut in, sorted by start.</summary>
    /// <param name="prices">The tariff's prices.</param>
    /// <param name="overrides">Overrides that do not overlap each other.</param>
    public static IReadOnlyList<PriceInterval> Apply(IReadOnlyList<PriceInterval> prices, IReadOnlyList<PriceInterval> overrides)
    {
        ArgumentNullException.ThrowIfNull(prices);
        ArgumentNullException.ThrowIfNull(overrides);
        var ordered = overrides.OrderBy(o => o.Start).ToList();
        var ends = ordered.Select(o => o.End).ToList();
        var result = new List<PriceInterval>(prices.Count + (2 * ordered.Count));
        foreach (var price in prices)
        {
            // What is left of this price once every override is cut out of it. Overrides do not overlap, so their
            // ends are in order too: the first that can touch the price is found by search, not by a walk from the start.
            var from = price.Start;
            var first = ends.BinarySearch(price.Start);
            first = first < 0 ? ~first : first + 1;
            for (var i = first; i < ordered.Count && ordered[i].Start < price.End; i++)
            {
                var cut = ordered[i];
                if (cut.Start > from)
                {
                    result.Add(new PriceInterval(from, cut.Start, price.PerKwh));
                }

                from = NodaTime.Instant.Max(from, cut.End);
                if (from >= price.End)
                {
                    break;
                }
            }

            if (from < price.End)
            {
                result.Add(new PriceInterval(from, price.End, price.PerKwh));
            }
        }

        result.AddRange(ordered);
        return [.. result.OrderBy(p => p.Start)];
    }
}
