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
    /// <param name="demandCharges">The charges on the peak import, for tariffs that have them; default none.</param>
    /// <param name="notes">What was read but is not planned, such as fixed monthly charges; default none.</param>
    public TariffReadResult(
        string? currency,
        IReadOnlyList<PriceInterval> prices,
        IReadOnlyList<TariffError> errors,
        IReadOnlyList<DemandCharge>? demandCharges = null,
        IReadOnlyList<TariffNote>? notes = null)
    {
        Currency = currency;
        Prices = prices ?? throw new ArgumentNullException(nameof(prices));
        Errors = errors ?? throw new ArgumentNullException(nameof(errors));
        DemandCharges = demandCharges ?? [];
        Notes = notes ?? [];
    }

    /// <summary>ISO 4217 code of the prices, or null where unknown.</summary>
    public string? Currency { get; }

    /// <summary>Energy prices per kWh in <see cref="Currency"/>, sorted by start. Negative prices are kept as they are.</summary>
    public IReadOnlyList<PriceInterval> Prices { get; }

    /// <summary>Errors with their place; empty when the feed was read.</summary>
    public IReadOnlyList<TariffError> Errors { get; }

    /// <summary>
    /// The charges on the peak import, in <see cref="Currency"/> per kW, each over the slots it covers (typically one
    /// per billing month and demand period, with nothing recorded yet); empty where the feed has none.
    /// </summary>
    public IReadOnlyList<DemandCharge> DemandCharges { get; }

    /// <summary>What the feed holds that the plan does not price (fixed or minimum charges, for example), with its place.</summary>
    public IReadOnlyList<TariffNote> Notes { get; }

    /// <summary>True when there are no errors.</summary>
    public bool IsValid => Errors.Count == 0;

    /// <summary>Builds a result from what a reader collected: no prices and no charges at all if anything was wrong.</summary>
    internal static TariffReadResult From(
        string? currency,
        List<PriceInterval> prices,
        List<TariffError> errors,
        IReadOnlyList<DemandCharge>? demandCharges = null,
        IReadOnlyList<TariffNote>? notes = null)
    {
        if (errors.Count > 0)
        {
            return new TariffReadResult(currency, [], errors.Take(MaxErrors).ToList(), [], notes);
        }

        prices.Sort(static (a, b) => a.Start.CompareTo(b.Start));
        return new TariffReadResult(currency, prices, [], demandCharges, notes);
    }

    /// <summary>A result with a single error.</summary>
    internal static TariffReadResult Failure(string location, string message) =>
        new(null, [], [new TariffError(location, message)]);
}
