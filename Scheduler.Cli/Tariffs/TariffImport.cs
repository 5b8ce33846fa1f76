using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using NodaTime;
using NodaTime.Text;
using Scheduler.Optimizer.Model;
using Scheduler.Protocols.Input;
using Scheduler.Protocols.Tariffs;

namespace Scheduler.Cli.Tariffs;

/// <summary>What <c>tariff import</c> was asked for besides the file.</summary>
/// <param name="Format">The feed's format.</param>
/// <param name="Zone">The site's zone: local dates and TOU hours are read in it, and instants are written with its offset.</param>
/// <param name="Dates">The local dates to keep (both included), or null for everything in the feed (required for TOU).</param>
/// <param name="SlotMinutes">Map the prices onto slots of this length, or null to keep the feed's own intervals.</param>
/// <param name="Area">The bidding area, for Nord Pool.</param>
internal sealed record TariffImportRequest(TariffFormat Format, DateTimeZone Zone, DateInterval? Dates, int? SlotMinutes, string? Area);

/// <summary>Turns a tariff feed into the scenario file's <c>tariff</c> object.</summary>
internal static class TariffImport
{
    /// <summary>Reads the feed and prints the tariff object; a gap in the asked-for dates is an error, never a zero price.</summary>
    /// <returns>The exit code.</returns>
    public static int Run(string path, TariffImportRequest request, CliOutput output)
    {
        var text = InputFile.ReadAllText(path, "tariff file");
        var read = TariffImporter.Read(text, request.Format, new TariffImportOptions { Zone = request.Zone, Dates = request.Dates, Area = request.Area });
        if (!read.IsValid)
        {
            output.Error.WriteLine($"error: {path} is not a valid {request.Format} feed ({read.Errors.Count} problem{(read.Errors.Count == 1 ? string.Empty : "s")}):");
            foreach (var error in read.Errors)
            {
                output.Error.WriteLine($"  {error.Location}: {error.Message}");
            }

            return ExitCodes.BadInput;
        }

        IReadOnlyList<PriceInterval> prices = read.Prices;
        if (prices.Count == 0)
        {
            throw new BadInputException($"{path} holds no prices");
        }

        var start = request.Dates is { } dates ? dates.Start.AtStartOfDayInZone(request.Zone).ToInstant() : prices[0].Start;
        var end = request.Dates is { } range ? range.End.PlusDays(1).AtStartOfDayInZone(request.Zone).ToInstant() : prices[^1].End;
        var gaps = TariffSlots.FindGaps(prices, start, end);
        if (gaps.Count > 0)
        {
            return ReportGaps(path, gaps, request.Zone, output);
        }

        if (request.SlotMinutes is { } minutes)
        {
            // The slots are laid out before they are priced, so their number is bounded first: a scenario takes no more.
            var slot = Duration.FromMinutes(minutes).BclCompatibleTicks;
            var count = (end - start).BclCompatibleTicks / slot;
            if ((end - start).BclCompatibleTicks % slot != 0)
            {
                throw new BadInputException(string.Create(CultureInfo.InvariantCulture,
                    $"--slot-minutes {minutes}: the prices from {Format(start, request.Zone)} to {Format(end, request.Zone)} are not a whole number of {minutes}-minute slots; give --from and --to"));
            }

            if (count > InputLimits.MaxIntervals)
            {
                throw new BadInputException(string.Create(CultureInfo.InvariantCulture,
                    $"--slot-minutes {minutes}: the prices from {Format(start, request.Zone)} to {Format(end, request.Zone)} make {count:N0} slots, more than the {InputLimits.MaxIntervals:N0} a tariff may hold; give --from and --to, or longer slots"));
            }

            prices = TariffSlots.ToSlots(prices, start, end, Duration.FromMinutes(minutes)).Slots;
        }
        else
        {
            prices = [.. prices.Where(p => p.End > start && p.Start < end)];
        }

        var array = new JsonArray();
        foreach (var price in prices)
        {
            array.Add(new JsonObject
            {
                ["start"] = Format(price.Start, request.Zone),
                ["end"] = Format(price.End, request.Zone),
                ["perKwh"] = Math.Round(price.PerKwh, 6),
            });
        }

        var tariff = new JsonObject
        {
            ["currency"] = read.Currency,
            ["demandCharges"] = DemandCharges(read.DemandCharges, request.Zone),
            ["prices"] = array,
        };
        output.Out.WriteLine(tariff.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));

        // What the plan does not price (fixed charges, for example) goes to stderr, so that stdout stays a tariff object.
        foreach (var note in read.Notes)
        {
            output.Error.WriteLine($"note: {note.Location}: {note.Message}");
        }

        return ExitCodes.Success;
    }

    /// <summary>The scenario's <c>demandCharges</c>: each charge with its intervals, and nothing recorded yet for the user to fill in.</summary>
    private static JsonArray DemandCharges(IReadOnlyList<DemandCharge> charges, DateTimeZone zone)
    {
        var array = new JsonArray();
        foreach (var charge in charges)
        {
            var json = new JsonObject
            {
                ["id"] = charge.Id,
                ["perKw"] = Math.Round(charge.PerKw, 6),
                ["peakSoFarKw"] = charge.PeakSoFarKw,
            };
            if (charge.Intervals.Count > 0)
            {
                json["intervals"] = new JsonArray([.. charge.Intervals.Select(i => new JsonObject { ["start"] = Format(i.Start, zone), ["end"] = Format(i.End, zone) })]);
            }

            array.Add(json);
        }

        return array;
    }

    private static int ReportGaps(string path, IReadOnlyList<PriceGap> gaps, DateTimeZone zone, CliOutput output)
    {
        output.Error.WriteLine($"error: {path} has no price for {gaps.Count} interval(s) in the asked-for span; a gap is never priced at zero:");
        foreach (var gap in gaps)
        {
            output.Error.WriteLine($"  from {Format(gap.Start, zone)} to {Format(gap.End, zone)}");
        }

        return ExitCodes.BadInput;
    }

    private static string Format(Instant instant, DateTimeZone zone) =>
        ScenarioInstant.Format(instant.InZone(zone).ToOffsetDateTime());

    /// <summary>ISO 8601 to the second with a +HH:mm offset, as the scenario file takes it.</summary>
    private static readonly OffsetDateTimePattern ScenarioInstant = OffsetDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd'T'HH':'mm':'sso<m>");
}
