using System.Text.Json;
using System.Text.Json.Nodes;
using NodaTime;
using NodaTime.Text;
using Scheduler.Protocols.OpenAdr;

namespace Scheduler.Cli.Signals;

/// <summary>Turns a file of OpenADR 3 events into the scenario file's <c>gridSignals</c> array for one site.</summary>
internal static class SignalImport
{
    /// <summary>Reads the events, folds them for the site and prints the array.</summary>
    /// <param name="eventsPath">The events file: one event object or an array, as the VTN sends them.</param>
    /// <param name="siteId">The site (VEN or resource name) the events must target.</param>
    /// <param name="levelsPath">Optional JSON object mapping SIMPLE levels to kW, e.g. <c>{"1": 40, "2": 20}</c>.</param>
    /// <param name="now">The instant an event starting at 0001-01-01 starts, and before which intervals are over.</param>
    /// <param name="horizon">How far open-ended events are cut off after <paramref name="now"/>.</param>
    /// <param name="withPrices">Print an object with <c>gridSignals</c> and <c>priceOverrides</c> instead of the array alone.</param>
    /// <param name="output">Where to print.</param>
    /// <returns>The exit code.</returns>
    public static int Run(string eventsPath, string siteId, string? levelsPath, Instant now, Duration horizon, bool withPrices, CliOutput output)
    {
        var levels = levelsPath is null ? new Dictionary<int, double>() : ReadLevels(levelsPath);
        var read = OpenAdrEventReader.Read(InputFile.ReadAllText(eventsPath, "events file"), now);
        foreach (var warning in read.Warnings)
        {
            output.Error.WriteLine($"warning: {warning.Path}: {warning.Message}");
        }

        if (!read.IsValid)
        {
            output.Error.WriteLine($"error: {eventsPath} holds invalid events ({read.Errors.Count} problem{(read.Errors.Count == 1 ? string.Empty : "s")}):");
            foreach (var error in read.Errors)
            {
                output.Error.WriteLine($"  {error.Path}: {error.Message}");
            }

            return ExitCodes.BadInput;
        }

        var book = new GridSignalBook(new GridSignalBookOptions
        {
            TargetNames = [siteId],
            SimpleLevelLimitsKw = levels,
        });
        book.ApplyAll(read.Events);
        var set = book.Resolve(now, now + horizon);
        foreach (var warning in set.Warnings)
        {
            output.Error.WriteLine($"warning: {warning.Path}: {warning.Message}");
        }

        if (set.PriceOverrides.Count > 0 && !withPrices)
        {
            output.Error.WriteLine($"warning: {set.PriceOverrides.Count} price interval(s) in the events were left out; --with-prices prints them as priceOverrides");
        }

        var array = new JsonArray();
        foreach (var signal in set.GridSignals)
        {
            array.Add(new JsonObject
            {
                ["id"] = signal.Id,
                ["start"] = InstantPattern.ExtendedIso.Format(signal.Start),
                ["end"] = InstantPattern.ExtendedIso.Format(signal.End),
                ["maxImportKw"] = Math.Round(signal.MaxImportKw, 3),
            });
        }

        JsonNode result = array;
        if (withPrices)
        {
            var prices = new JsonArray();
            foreach (var price in set.PriceOverrides)
            {
                prices.Add(new JsonObject
                {
                    ["id"] = price.Id,
                    ["start"] = InstantPattern.ExtendedIso.Format(price.Start),
                    ["end"] = InstantPattern.ExtendedIso.Format(price.End),
                    ["perKwh"] = Math.Round(price.PerKwh, 6),
                });
            }

            var currencies = set.PriceOverrides.Select(p => p.Currency).Distinct(StringComparer.Ordinal).ToList();
            if (currencies.Count > 0)
            {
                output.Error.WriteLine($"note: the price overrides are in {string.Join(", ", currencies)}; the scenario's tariff must be in the same currency");
            }

            result = new JsonObject { ["gridSignals"] = array, ["priceOverrides"] = prices };
        }

        output.Out.WriteLine(result.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
        return ExitCodes.Success;
    }

    /// <summary>Reads <c>{"level": kW, …}</c>.</summary>
    private static IReadOnlyDictionary<int, double> ReadLevels(string path)
    {
        var (levels, errors) = SimpleLevelReader.Read(InputFile.ReadAllText(path, "levels file"));
        return levels ?? throw new BadInputException($"--levels: '{path}' is not a map of SIMPLE levels to kW: " + string.Join("; ", errors));
    }
}
