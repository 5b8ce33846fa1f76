namespace Scheduler.Protocols.Tariffs;

/// <summary>The tariff feed formats the scheduler reads.</summary>
public enum TariffFormat
{
    /// <summary>ENTSO-E <c>Publication_MarketDocument</c> XML; see <see cref="EntsoeReader"/>.</summary>
    Entsoe,

    /// <summary>aWATTar market-data JSON, or the derived <c>start_utc,end_utc,price_eur_per_mwh</c> CSV; see <see cref="AwattarReader"/>.</summary>
    Awattar,

    /// <summary>Energy-Charts prices in the aWATTar JSON shape, or the derived CSV; see <see cref="AwattarReader"/>.</summary>
    EnergyCharts,

    /// <summary>EnergyZero REST or GraphQL JSON; see <see cref="EnergyZeroReader"/>.</summary>
    EnergyZero,

    /// <summary>Nord Pool day-ahead delivery-period JSON; see <see cref="NordPoolReader"/>.</summary>
    NordPool,

    /// <summary>Octopus Energy (Agile) unit-rates JSON; see <see cref="OctopusAgileReader"/>.</summary>
    Octopus,

    /// <summary>A time-of-use tariff in the acnportal JSON shape; see <see cref="TouTariffReader"/>.</summary>
    Tou,

    /// <summary>A rate of OpenEI's Utility Rate Database as its API gives it; see <see cref="Urdb.UrdbTariffReader"/>.</summary>
    Urdb,
}
