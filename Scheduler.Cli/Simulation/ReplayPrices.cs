using NodaTime;
using Scheduler.Optimizer.Model;

namespace Scheduler.Cli.Simulation;

/// <summary>
/// The tariff's prices as a replay walks forward: each re-plan is handed only those that meet its horizon, so a year's
/// quarter-hours are not scanned at every plan.
/// </summary>
internal sealed class ReplayPrices
{
    private readonly PriceInterval[] _prices;
    private int _first;

    public ReplayPrices(IReadOnlyList<PriceInterval> prices) => _prices = [.. prices.OrderBy(p => p.Start)];

    /// <summary>The prices that meet the span from <paramref name="now"/>'s day to <paramref name="ahead"/> after it; asked in time order.</summary>
    public IReadOnlyList<PriceInterval> Around(Instant now, Duration ahead)
    {
        var from = now - Duration.FromDays(1);
        while (_first < _prices.Length && _prices[_first].End <= from)
        {
            _first++;
        }

        var until = now + ahead;
        var list = new List<PriceInterval>();
        for (var i = _first; i < _prices.Length && _prices[i].Start < until; i++)
        {
            list.Add(_prices[i]);
        }

        return list;
    }
}
