namespace Scheduler.Protocols.Ocpp;

/// <summary>
/// Fits a schedule into a charger's period budget: neighbouring periods are merged, each merged period takes the
/// lowest limit it covers (so the result never allows more than the plan), and the merges chosen are those that
/// give up the least charge (amp-seconds), found exactly by dynamic programming.
/// </summary>
public static class ScheduleCoarsener
{
    /// <summary>
    /// Merges <paramref name="limits"/> (one per period, lasting <paramref name="durationsS"/> seconds each) into at
    /// most <paramref name="maxPeriods"/> runs of neighbours.
    /// </summary>
    /// <param name="durationsS">The length of each period in seconds, 0 or more (0 for an open-ended last period).</param>
    /// <param name="limits">The limit of each period.</param>
    /// <param name="maxPeriods">The budget, at least 1.</param>
    /// <returns>The limit of every input period after merging: the minimum over its run.</returns>
    public static IReadOnlyList<decimal> Coarsen(IReadOnlyList<double> durationsS, IReadOnlyList<decimal> limits, int maxPeriods)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxPeriods, 1);
        if (durationsS.Count != limits.Count)
        {
            throw new ArgumentException("one duration per limit", nameof(durationsS));
        }

        var n = limits.Count;
        if (n <= maxPeriods)
        {
            return limits.ToList();
        }

        var groups = Math.Min(maxPeriods, n);

        // best[k, j]: the least charge lost covering periods 0..j-1 with k runs; from[k, j]: where the last run starts.
        var best = new double[groups + 1, n + 1];
        var from = new int[groups + 1, n + 1];
        for (var k = 0; k <= groups; k++)
        {
            for (var j = 0; j <= n; j++)
            {
                best[k, j] = double.PositiveInfinity;
            }
        }

        best[0, 0] = 0;
        for (var k = 1; k <= groups; k++)
        {
            for (var j = 1; j <= n; j++)
            {
                // The last run is i..j-1; its loss is Σ limit·duration − min·Σ duration, grown one period at a time.
                var min = decimal.MaxValue;
                double weighted = 0, total = 0;
                for (var i = j - 1; i >= 0; i--)
                {
                    min = Math.Min(min, limits[i]);
                    weighted += (double)limits[i] * durationsS[i];
                    total += durationsS[i];
                    var candidate = best[k - 1, i] + (weighted - ((double)min * total));
                    if (candidate < best[k, j])
                    {
                        best[k, j] = candidate;
                        from[k, j] = i;
                    }
                }
            }
        }

        var result = new decimal[n];
        var end = n;
        for (var k = groups; k >= 1 && end > 0; k--)
        {
            var start = from[k, end];
            var min = decimal.MaxValue;
            for (var i = start; i < end; i++)
            {
                min = Math.Min(min, limits[i]);
            }

            for (var i = start; i < end; i++)
            {
                result[i] = min;
            }

            end = start;
        }

        return result;
    }
}
