namespace Scheduler.Protocols.Tariffs;

/// <summary>Which of EnergyZero's price series to read.</summary>
public enum EnergyZeroSeries
{
    /// <summary>The market price without VAT: REST <c>base</c>, GraphQL <c>energyPriceExcl</c>. The default.</summary>
    Base,

    /// <summary>The market price with VAT: REST <c>base_with_vat</c>, GraphQL <c>energyPriceIncl</c>.</summary>
    BaseWithVat,

    /// <summary>The price with energy tax and supplier costs, without VAT: REST <c>all_in</c> only.</summary>
    AllIn,

    /// <summary>The price with energy tax, supplier costs and VAT: REST <c>all_in_with_vat</c> only.</summary>
    AllInWithVat,
}
