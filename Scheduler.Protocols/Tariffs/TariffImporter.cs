namespace Scheduler.Protocols.Tariffs;

/// <summary>Reads a feed in a named <see cref="TariffFormat"/>, so a caller such as the CLI need not know each reader.</summary>
public static class TariffImporter
{
    /// <summary>Reads <paramref name="text"/> as <paramref name="format"/>.</summary>
    /// <param name="text">The feed's content.</param>
    /// <param name="format">Its format.</param>
    /// <param name="options">What the format needs: a zone and dates for TOU and URDB, an area for Nord Pool; defaults otherwise.</param>
    /// <returns>The prices, or errors; a missing required option is an error located at <c>options.Name</c>.</returns>
    public static TariffReadResult Read(string text, TariffFormat format, TariffImportOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        options ??= new TariffImportOptions();
        return format switch
        {
            TariffFormat.Entsoe => EntsoeReader.Read(text),
            TariffFormat.Awattar or TariffFormat.EnergyCharts => IsPriceCsv(text) ? PriceCsvReader.Read(text) : AwattarReader.Read(text),
            TariffFormat.EnergyZero => EnergyZeroReader.Read(text, options.EnergyZeroSeries),
            TariffFormat.NordPool => string.IsNullOrWhiteSpace(options.Area)
                ? TariffReadResult.Failure("options.Area", "is missing: expected the Nord Pool delivery area, e.g. SE3")
                : NordPoolReader.Read(text, options.Area),
            TariffFormat.Octopus => OctopusAgileReader.Read(text, options.IncludeVat),
            TariffFormat.Tou => ReadSchedule(text, options, TouTariffReader.Read),
            TariffFormat.Urdb => ReadSchedule(text, options, Urdb.UrdbTariffReader.Read),
            _ => throw new ArgumentOutOfRangeException(nameof(format), format, "is not a tariff format"),
        };
    }

    /// <summary>
    /// True for the formats that are a schedule of local hours rather than a series of prices: they are laid out
    /// over the dates asked for (<see cref="TariffImportOptions.Dates"/>) in the site's zone.
    /// </summary>
    public static bool NeedsDates(TariffFormat format) => format is TariffFormat.Tou or TariffFormat.Urdb;

    private static TariffReadResult ReadSchedule(string text, TariffImportOptions options, Func<string, NodaTime.DateTimeZone, NodaTime.DateInterval, string, TariffReadResult> read)
    {
        if (options.Zone is null)
        {
            return TariffReadResult.Failure("options.Zone", "is missing: expected the site's IANA time zone, e.g. America/Los_Angeles");
        }

        if (options.Dates is null)
        {
            return TariffReadResult.Failure("options.Dates", "is missing: expected the local dates to price");
        }

        return read(text, options.Zone, options.Dates, options.TouCurrency);
    }

    private static bool IsPriceCsv(string text) =>
        text.AsSpan().TrimStart('\uFEFF').TrimStart().StartsWith(PriceCsvReader.Header, StringComparison.Ordinal);
}
