using NodaTime;

namespace Scheduler.Protocols.Tariffs;

/// <summary>What some formats need besides the feed itself.</summary>
public sealed record TariffImportOptions
{
    /// <summary>The site's time zone; required for <see cref="TariffFormat.Tou"/> and <see cref="TariffFormat.Urdb"/>.</summary>
    public DateTimeZone? Zone { get; init; }

    /// <summary>The local dates to expand a time-of-use tariff for, both ends included; required for <see cref="TariffFormat.Tou"/> and <see cref="TariffFormat.Urdb"/>.</summary>
    public DateInterval? Dates { get; init; }

    /// <summary>The Nord Pool delivery area, e.g. <c>SE3</c>; required for <see cref="TariffFormat.NordPool"/>.</summary>
    public string? Area { get; init; }

    /// <summary>Whether Octopus prices include VAT.</summary>
    /// <value>The default is true.</value>
    public bool IncludeVat { get; init; } = true;

    /// <summary>Which EnergyZero series to read.</summary>
    /// <value>The default is <see cref="EnergyZeroSeries.Base"/>.</value>
    public EnergyZeroSeries EnergyZeroSeries { get; init; } = EnergyZeroSeries.Base;

    /// <summary>The currency of a time-of-use or URDB tariff (URDB gives its amounts in US dollars).</summary>
    /// <value>The default is USD.</value>
    public string TouCurrency { get; init; } = "USD";
}
