using Scheduler.Optimizer.Model;

namespace Scheduler.Protocols.Tariffs;

/// <summary>What a tariff reader made of a feed: prices per kWh in the feed's currency, or the errors that stopped it.</summary>
public sealed record TariffReadResult
{
    /// <summary>The most errors reported for one feed; after these, the rest are likely alike.</summary>
    public const int MaxErrors = 20;

    /// <summary>Creates a result.</summary>
    /// <param name="currency">ISO 4217 code, e.g. EUR; null where the feed could not be read far enough to tell.</param>
    /// <param name="prices">The prices in start order; empty where <paramref name="errors"/> is not.</param>
    /// <param name="errors">What was wrong, in document order.</param>
    /// <param name="demandChargePerKw">The price per kW of peak import, for tariffs that have one; default 0.</param>
    public TariffReadResult(string? currency, IReadOnlyList<PriceInterval> prices, IReadOnlyList<TariffError> errors, double demandChargePerKw = 0)
    {
        Currency = currency;
        Prices = prices ?? throw new ArgumentNullException(nameof(prices));
        Errors = errors ?? throw new ArgumentNullException(nameof(errors));
        DemandChargePerKw = demandChargePerKw;
    }

    /// <summary>ISO 4217 code of the prices, or null where unknown.</summary>
    public string? Currency { get; }

    /// <summary>Energy prices per kWh in <see cref="Currency"/>, sorted by start. Negative prices are kept as they are.</summary>
    public IReadOnlyList<PriceInterval> Prices { get; }

    /// <summary>Errors with their place; empty when the feed was read.</summary>
    public IReadOnlyList<TariffError> Errors { get; }

    /// <summary>The price per kW of the peak import; 0 where the feed has none.</summary>
    public double DemandChargePerKw { get; }

    /// <summary>True when there are no errors.</summary>
    public bool IsValid => Errors.Count == 0;

    /// <summary>Builds a result from what a reader collected: no prices at all if anything was wrong.</summary>
    internal static TariffReadResult From(string? currency, List<PriceInterval> prices, List<TariffError> errors, double demandChargePerKw = 0)
    {
        if (errors.Count > 0)
        {
            return new TariffReadResult(currency, [], errors.Take(MaxErrors).ToList(), demandChargePerKw);
        }

        prices.Sort(static (a, b) => a.Start.CompareTo(b.Start));
        return new TariffReadResult(currency, prices, [], demandChargePerKw);
    }

    /// <summary>A result with a single error.</summary>
    internal static TariffReadResult Failure(string location, string message) =>
        new(null, [], [new TariffError(location, message)]);
}
