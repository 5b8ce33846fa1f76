using System.CommandLine;
using NodaTime;
using Scheduler.Cli.Tariffs;
using Scheduler.Protocols.Input;
using Scheduler.Protocols.Tariffs;

namespace Scheduler.Cli.Commands;

/// <summary>
/// <c>scheduler tariff import &lt;file&gt; --format f --zone z [--from date --to date] [--slot-minutes m] [--area a]</c>.
/// </summary>
internal static class TariffCommand
{
    /// <summary>The formats by their command-line names.</summary>
    internal static readonly Dictionary<string, TariffFormat> Formats = new(StringComparer.Ordinal)
    {
        ["entsoe"] = TariffFormat.Entsoe,
        ["awattar"] = TariffFormat.Awattar,
        ["energycharts"] = TariffFormat.EnergyCharts,
        ["energyzero"] = TariffFormat.EnergyZero,
        ["nordpool"] = TariffFormat.NordPool,
        ["octopus"] = TariffFormat.Octopus,
        ["tou"] = TariffFormat.Tou,
        ["urdb"] = TariffFormat.Urdb,
    };

    /// <summary>Creates the command group.</summary>
    /// <param name="output">Where it prints.</param>
    public static Command Create(CliOutput output)
    {
        var file = new Argument<string>("file") { Description = "The tariff feed: a downloaded response of one of the formats." };
        var format = new Option<string>("--format") { Description = "entsoe, awattar, energycharts, energyzero, nordpool, octopus, tou or urdb.", Required = true, HelpName = "format" };
        format.AcceptOnlyFromAmong([.. Formats.Keys]);
        var zone = new Option<string>("--zone") { Description = "The site's IANA time zone, e.g. Europe/Amsterdam.", Required = true, HelpName = "IANA" };
        var from = new Option<string?>("--from") { Description = "The first local date to keep (yyyy-MM-dd); with --to. Required for tou and urdb.", HelpName = "date" };
        var to = new Option<string?>("--to") { Description = "The last local date to keep (yyyy-MM-dd), included.", HelpName = "date" };
        var slotMinutes = new Option<int?>("--slot-minutes") { Description = "Map the prices onto slots of this many minutes (a divisor of 60), e.g. 15.", HelpName = "minutes" };
        var area = new Option<string?>("--area") { Description = "The bidding area, for nordpool (e.g. SE3).", HelpName = "area" };
        var import = new Command("import", "Prints the scenario's tariff object from a tariff feed.")
        {
            file, format, zone, from, to, slotMinutes, area,
        };
        import.SetAction(parseResult =>
        {
            var zoneId = parseResult.GetRequiredValue(zone);
            var timeZone = DateTimeZoneProviders.Tzdb.GetZoneOrNull(zoneId)
                ?? throw new BadInputException($"--zone: unknown time zone '{zoneId}'; expected an IANA id such as Europe/Amsterdam");
            var fromText = parseResult.GetValue(from);
            var toText = parseResult.GetValue(to);
            if ((fromText is null) != (toText is null))
            {
                throw new BadInputException("--from and --to go together: give both, or neither");
            }

            DateInterval? dates = null;
            if (fromText is not null && toText is not null)
            {
                dates = CommonOptions.DateSpan(CommonOptions.ParseDate(fromText, "--from"), CommonOptions.ParseDate(toText, "--to"), InputLimits.MaxTariffDays, "a tariff is imported for");
            }

            var tariffFormat = Formats[parseResult.GetRequiredValue(format)];
            if (tariffFormat == TariffFormat.Tou && dates is null)
            {
                throw new BadInputException("--from and --to are required with --format tou: a time-of-use tariff is laid out over the local dates they name");
            }

            var areaName = parseResult.GetValue(area);
            if (tariffFormat == TariffFormat.NordPool && string.IsNullOrWhiteSpace(areaName))
            {
                throw new BadInputException("--area is required with --format nordpool: the delivery area to read, e.g. SE3");
            }

            var minutes = parseResult.GetValue(slotMinutes);
            if (minutes is { } m && (m < 1 || 60 % m != 0))
            {
                throw new BadInputException($"--slot-minutes: {m} does not divide an hour; expected 1, 2, 3, 4, 5, 6, 10, 12, 15, 20, 30 or 60");
            }

            var request = new TariffImportRequest(tariffFormat, timeZone, dates, minutes, areaName);
            return TariffImport.Run(parseResult.GetRequiredValue(file), request, output);
        });
        return new Command("tariff", "Tariffs: import a price feed.") { import };
    }
}
