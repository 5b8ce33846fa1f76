namespace Scheduler.Optimizer.Model;

/// <summary>What the site pays: an energy price per interval and, where the utility charges one, a price on the peak.</summary>
public sealed record Tariff
{
    /// <summary>Creates a tariff.</summary>
    /// <param name="currency">ISO 4217 code, e.g. EUR.</param>
    /// <param name="prices">Energy prices; they must cover the planning window without gaps.</param>
    /// <param name="demandChargePerKw">The price per kW of the plan's highest 15-minute average import; default 0.</param>
    public Tariff(string currency, IReadOnlyList<PriceInterval> prices, double demandChargePerKw = 0)
    {
        Currency = Check.Id(currency, nameof(currency));
        Prices = prices ?? throw new ArgumentNullException(nameof(prices));
        DemandChargePerKw = Check.NonNegative(demandChargePerKw, nameof(demandChargePerKw));
    }

    /// <summary>ISO 4217 code.</summary>
    public string Currency { get; }

    /// <summary>Energy prices over time.</summary>
    public IReadOnlyList<PriceInterval> Prices { get; }

    /// <summary>The price per kW of the peak import; 0 where there is no demand charge.</summary>
    public double DemandChargePerKw { get; }
}
