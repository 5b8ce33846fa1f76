namespace Scheduler.Optimizer.Model;

/// <summary>What the site pays: an energy price per interval and, where the utility has them, charges on the peak.</summary>
public sealed record Tariff
{
    /// <summary>Creates a tariff.</summary>
    /// <param name="currency">ISO 4217 code, e.g. EUR.</param>
    /// <param name="prices">Energy prices; they must cover the planning window without gaps.</param>
    /// <param name="demandCharges">The charges on the peak, each over its own slots; ids unique.</param>
    public Tariff(string currency, IReadOnlyList<PriceInterval> prices, IReadOnlyList<DemandCharge> demandCharges)
    {
        Currency = Check.Id(currency, nameof(currency));
        Prices = prices ?? throw new ArgumentNullException(nameof(prices));
        DemandCharges = demandCharges ?? throw new ArgumentNullException(nameof(demandCharges));
    }

    /// <summary>Creates a tariff with at most one demand charge, over every slot and with nothing recorded yet.</summary>
    /// <param name="currency">ISO 4217 code, e.g. EUR.</param>
    /// <param name="prices">Energy prices; they must cover the planning window without gaps.</param>
    /// <param name="demandChargePerKw">The price per kW of the plan's highest slot-average import; default 0 (none).</param>
    public Tariff(string currency, IReadOnlyList<PriceInterval> prices, double demandChargePerKw = 0)
        : this(currency, prices, AllHours(demandChargePerKw))
    {
    }

    /// <summary>ISO 4217 code.</summary>
    public string Currency { get; }

    /// <summary>Energy prices over time.</summary>
    public IReadOnlyList<PriceInterval> Prices { get; }

    /// <summary>The charges on the peak import; empty where the utility has none.</summary>
    public IReadOnlyList<DemandCharge> DemandCharges { get; }

    private static DemandCharge[] AllHours(double perKw)
    {
        Check.NonNegative(perKw, nameof(perKw));
        return perKw > 0 ? [new DemandCharge(DemandCharge.AllHoursId, perKw)] : [];
    }
}
