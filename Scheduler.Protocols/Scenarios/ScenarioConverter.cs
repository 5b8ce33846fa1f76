using System.Globalization;
using System.Text.Json;
using NodaTime;
using NodaTime.Text;
using Scheduler.Optimizer.Model;
using Scheduler.Protocols.Input;
using Scheduler.Protocols.JsonSupport;

namespace Scheduler.Protocols.Scenarios;

/// <summary>
/// Turns a scenario document that already satisfies its schema into model records. What the schema cannot see
/// (instants that do not exist, unknown time zones, a record's own rules) becomes an error at its JSON path.
/// </summary>
internal sealed class ScenarioConverter
{
    private readonly List<ScenarioError> _errors = [];
    private readonly Dictionary<string, double> _chargerMaxCurrentA = new(StringComparer.Ordinal);

    /// <summary>The errors found by <see cref="Convert"/>, in file order.</summary>
    public IReadOnlyList<ScenarioError> Errors => _errors;

    /// <summary>Builds the problem, or returns null and fills <see cref="Errors"/>.</summary>
    public PlanningProblem? Convert(JsonElement root)
    {
        var site = ReadSite(root.GetProperty("site"), JsonPath.Property(JsonPath.Root, "site"));
        var tariff = ReadTariff(root.GetProperty("tariff"), JsonPath.Property(JsonPath.Root, "tariff"));
        var gridSignals = ReadList(root, JsonPath.Root, "gridSignals", ReadGridSignal);
        CheckIdsUnique(root, "gridSignals");
        var overrides = ReadList(root, JsonPath.Root, "priceOverrides", ReadPriceOverride);
        CheckIdsUnique(root, "priceOverrides");
        CheckOverridesApart(overrides);
        var sessions = ReadList(root, JsonPath.Root, "sessions", ReadSession);
        var window = ReadWindow(root.GetProperty("planning"), JsonPath.Property(JsonPath.Root, "planning"), site?.TimeZone);
        if (_errors.Count > 0 || site is null || tariff is null || window is null)
        {
            return null;
        }

        if (overrides.Count > 0)
        {
            tariff = new Tariff(tariff.Currency, PriceOverlay.Apply(tariff.Prices, overrides), tariff.DemandCharges);
        }

        return new PlanningProblem(site, tariff, gridSignals, sessions, window) { DrawnSoFarKwh = Number(root.GetProperty("planning"), "drawnSoFarKwh") ?? 0 };
    }

    private PriceInterval? ReadPriceOverride(JsonElement json, string path) => ReadPrice(json, path);

    /// <summary>Two items of one list with the same id could not be told apart in a plan or a log.</summary>
    private void CheckIdsUnique(JsonElement root, string list)
    {
        if (!root.TryGetProperty(list, out var items) || items.ValueKind != JsonValueKind.Array)
        {
            return;
        }

        var first = new Dictionary<string, int>(StringComparer.Ordinal);
        var index = 0;
        foreach (var item in items.EnumerateArray())
        {
            var id = item.GetProperty("id").GetString() ?? string.Empty;
            if (first.TryGetValue(id, out var earlier))
            {
                Add($"$.{list}[{index}].id", $"found {Printable.Quote(id)}, the id of item {earlier} too; expected each id once");
            }
            else
            {
                first.Add(id, index);
            }

            index++;
        }
    }

    /// <summary>Two overrides for the same instant would leave its price to chance.</summary>
    private void CheckOverridesApart(IReadOnlyList<PriceInterval> overrides) =>
        CheckApart("$.priceOverrides", [.. overrides.Select(o => new Interval(o.Start, o.End))], "overrides must not overlap");

    /// <summary>Reports each interval that starts before an earlier-starting one of the same list ends, at its path.</summary>
    private void CheckApart(string listPath, IReadOnlyList<Interval> intervals, string rule)
    {
        var name = listPath[(listPath.LastIndexOf('.') + 1)..];
        var ordered = intervals.Select((o, i) => (Interval: o, Index: i)).OrderBy(o => o.Interval.Start).ToList();
        for (var j = 1; j < ordered.Count; j++)
        {
            if (ordered[j].Interval.Start < ordered[j - 1].Interval.End)
            {
                Add(JsonPath.Index(listPath, ordered[j].Index), $"overlaps {name}[{ordered[j - 1].Index}]; {rule}");
            }
        }
    }

    private Site? ReadSite(JsonElement json, string path)
    {
        var zoneId = json.GetProperty("timeZone").GetString() ?? string.Empty;
        var zone = DateTimeZoneProviders.Tzdb.GetZoneOrNull(zoneId);
        if (zone is null)
        {
            Add(JsonPath.Property(path, "timeZone"), $"unknown time zone \"{zoneId}\", expected an IANA time zone id such as \"Europe/Amsterdam\"");
        }

        var circuits = ReadList(json, path, "circuits", ReadCircuit);
        var chargers = ReadList(json, path, "chargers", ReadCharger);
        var baseLoad = ReadList(json, path, "baseLoadKw", ReadBaseLoad);
        if (zone is null)
        {
            return null;
        }

        return Build(json, path, () => new Site(
            json.GetProperty("id").GetString() ?? string.Empty,
            zone,
            Number(json, "voltageV") ?? Site.DefaultVoltageV,
            json.GetProperty("gridLimitKw").GetDouble(),
            circuits,
            chargers,
            baseLoad));
    }

    private Circuit? ReadCircuit(JsonElement json, string path) =>
        Build(json, path, () => new Circuit(
            json.GetProperty("id").GetString() ?? string.Empty,
            Text(json, "parentId"),
            json.GetProperty("maxCurrentA").GetDouble()));

    private Charger? ReadCharger(JsonElement json, string path)
    {
        var id = json.GetProperty("id").GetString() ?? string.Empty;
        var maxCurrentA = json.GetProperty("maxCurrentA").GetDouble();

        // A session without its own maximum takes its charger's; the first charger of a duplicated id wins, as in the validator.
        _chargerMaxCurrentA.TryAdd(id, maxCurrentA);
        return Build(json, path, () => new Charger(
            id,
            Text(json, "circuitId"),
            maxCurrentA,
            Number(json, "minCurrentA") ?? Charger.DefaultMinCurrentA,
            Integer(json, "phases") ?? 3,
            Text(json, "phaseRotation") is { } rotation ? Enum.Parse<PhaseRotation>(rotation) : PhaseRotation.RST,
            Integer(json, "maxSchedulePeriods") ?? Charger.DefaultMaxSchedulePeriods));
    }

    private BaseLoadInterval? ReadBaseLoad(JsonElement json, string path)
    {
        var start = ReadInstant(json, path, "start");
        var end = ReadInstant(json, path, "end");
        return start is { } s && end is { } e
            ? Build(json, path, () => new BaseLoadInterval(s, e, json.GetProperty("kw").GetDouble()))
            : null;
    }

    private Tariff? ReadTariff(JsonElement json, string path)
    {
        var currency = json.GetProperty("currency").GetString() ?? string.Empty;
        if (IsoCurrency.Expected(currency) is { } expected)
        {
            Add(JsonPath.Property(path, "currency"), $"found {JsonPath.Describe(json.GetProperty("currency"))}, {expected}");
        }

        var prices = ReadList(json, path, "prices", ReadPrice);
        var before = _errors.Count;
        var charges = ReadList(json, path, "demandCharges", ReadDemandCharge);
        var shorthandPerKw = Number(json, "demandChargePerKw") ?? 0;

        // Only where every listed charge was read does a charge's place in the list give its path.
        if (shorthandPerKw > 0 && _errors.Count == before)
        {
            CheckShorthandIdFree(charges, JsonPath.Property(path, "demandCharges"));
        }

        // The shorthand is the model's own one all-hours charge; it follows the listed ones, so their indexes stay their paths.
        return Build(json, path, () => new Tariff(
            currency,
            prices,
            [.. charges, .. new Tariff(currency, prices, shorthandPerKw).DemandCharges]));
    }

    private DemandCharge? ReadDemandCharge(JsonElement json, string path)
    {
        var intervals = ReadIntervals(json, path, "intervals");
        return intervals is null
            ? null
            : Build(json, path, () => new DemandCharge(
                json.GetProperty("id").GetString() ?? string.Empty,
                json.GetProperty("perKw").GetDouble(),
                intervals,
                Number(json, "peakSoFarKw") ?? 0));
    }

    /// <summary>The intervals of an optional list (empty where it is absent), or null where one is wrong; each error is at its path.</summary>
    private List<Interval>? ReadIntervals(JsonElement parent, string parentPath, string name)
    {
        var intervals = new List<Interval>();
        if (Optional(parent, name) is not { ValueKind: JsonValueKind.Array } array)
        {
            return intervals;
        }

        var before = _errors.Count;
        var listPath = JsonPath.Property(parentPath, name);
        var index = 0;
        foreach (var item in array.EnumerateArray())
        {
            var itemPath = JsonPath.Index(listPath, index++);
            var maybeStart = ReadInstant(item, itemPath, "start");
            var maybeEnd = ReadInstant(item, itemPath, "end");
            if (maybeStart is not { } start || maybeEnd is not { } end)
            {
                continue;
            }

            if (end <= start)
            {
                Add(JsonPath.Property(itemPath, "end"), $"found {JsonPath.Describe(item.GetProperty("end"))}, which must be after the start");
                continue;
            }

            intervals.Add(new Interval(start, end));
        }

        // A charge's intervals that overlap are almost always a mistake in the file that made them.
        if (_errors.Count == before)
        {
            CheckApart(listPath, intervals, "a charge's intervals must not overlap");
        }

        return _errors.Count == before ? intervals : null;
    }

    /// <summary>The shorthand stands for the charge with the model's all-hours id, so no listed charge may take that id too.</summary>
    private void CheckShorthandIdFree(IReadOnlyList<DemandCharge> charges, string listPath)
    {
        for (var d = 0; d < charges.Count; d++)
        {
            if (charges[d].Id == DemandCharge.AllHoursId)
            {
                Add(
                    JsonPath.Property(JsonPath.Index(listPath, d), "id"),
                    $"found \"{DemandCharge.AllHoursId}\", the id of the all-hours charge that demandChargePerKw stands for; give this charge another id, or leave demandChargePerKw out");
            }
        }
    }

    private PriceInterval? ReadPrice(JsonElement json, string path)
    {
        var start = ReadInstant(json, path, "start");
        var end = ReadInstant(json, path, "end");
        return start is { } s && end is { } e
            ? Build(json, path, () => new PriceInterval(s, e, json.GetProperty("perKwh").GetDouble()))
            : null;
    }

    private GridSignal? ReadGridSignal(JsonElement json, string path)
    {
        var start = ReadInstant(json, path, "start");
        var end = ReadInstant(json, path, "end");
        return start is { } s && end is { } e
            ? Build(json, path, () => new GridSignal(
                json.GetProperty("id").GetString() ?? string.Empty,
                s,
                e,
                json.GetProperty("maxImportKw").GetDouble()))
            : null;
    }

    private Session? ReadSession(JsonElement json, string path)
    {
        var arrival = ReadInstant(json, path, "arrival");
        var departure = ReadInstant(json, path, "departure");
        if (arrival is not { } a || departure is not { } d)
        {
            return null;
        }

        var chargerId = json.GetProperty("chargerId").GetString() ?? string.Empty;

        // Without a charger to take the maximum from, any positive stand-in will do: the validator then reports the
        // unknown charger at its path, and a problem with an unknown charger is never returned.
        var maxCurrentA = Number(json, "maxCurrentA")
            ?? (_chargerMaxCurrentA.TryGetValue(chargerId, out var chargerMax) ? chargerMax : Charger.DefaultMinCurrentA);
        return Build(json, path, () => new Session(
            json.GetProperty("id").GetString() ?? string.Empty,
            chargerId,
            a,
            d,
            json.GetProperty("energyKwh").GetDouble(),
            maxCurrentA,
            Integer(json, "phases") ?? 3,
            Text(json, "vehicleId"),
            TransactionId(json),
            Number(json, "minCurrentA"))
        {
            TopUpKwh = Number(json, "topUpKwh") ?? 0,
        });
    }

    private PlanningWindow? ReadWindow(JsonElement json, string path, DateTimeZone? zone)
    {
        var start = ReadInstant(json, path, "start");
        var end = ReadInstant(json, path, "end");
        var slotLength = Integer(json, "slotMinutes") is { } minutes
            ? Duration.FromMinutes(minutes)
            : PlanningWindow.DefaultSlotLength;
        if (start is not { } s || end is not { } e)
        {
            return null;
        }

        if (slotLength.TotalMinutes is >= 1 and <= 60 && SlotGrid.Floor(s, slotLength) != s)
        {
            Add(JsonPath.Property(path, "start"), OffGrid(json.GetProperty("start"), s, slotLength, zone));
            return null;
        }

        return Build(json, path, () => new PlanningWindow(s, e, slotLength));
    }

    /// <summary>
    /// Why a start is off the slot grid, and which starts would do: the grid is aligned on UTC, which a zone with a
    /// half-hour offset (India, +05:30) does not share with its local hours.
    /// </summary>
    private static string OffGrid(JsonElement text, Instant start, Duration slot, DateTimeZone? zone)
    {
        var minutes = (int)slot.TotalMinutes;
        var written = OffsetDateTimePattern.ExtendedIso.Parse(text.GetString() ?? string.Empty).Value.Offset;
        var shownIn = DateTimeZone.ForOffset(written);
        var before = JsonWriterExtensions.FormatInstant(SlotGrid.Floor(start, slot), shownIn);
        var after = JsonWriterExtensions.FormatInstant(SlotGrid.Ceiling(start, slot), shownIn);
        var local = zone is not null && zone.GetUtcOffset(start).Milliseconds % (minutes * 60_000L) != 0
            ? $"; in {zone.Id} (UTC{zone.GetUtcOffset(start)}) local {minutes}-minute slots do not start on the local hour"
            : string.Empty;
        return $"found {JsonPath.Describe(text)}, which is not on the {minutes}-minute grid: slots start every {minutes} minutes from midnight UTC{local}; expected a start on the grid such as {before} or {after}";
    }

    private List<T> ReadList<T>(JsonElement parent, string parentPath, string name, Func<JsonElement, string, T?> read)
        where T : class
    {
        var items = new List<T>();
        if (!parent.TryGetProperty(name, out var array) || array.ValueKind != JsonValueKind.Array)
        {
            return items;
        }

        var listPath = JsonPath.Property(parentPath, name);
        var index = 0;
        foreach (var item in array.EnumerateArray())
        {
            if (read(item, JsonPath.Index(listPath, index)) is { } value)
            {
                items.Add(value);
            }

            index++;
        }

        return items;
    }

    private Instant? ReadInstant(JsonElement json, string path, string name)
    {
        var text = json.GetProperty(name).GetString() ?? string.Empty;
        var result = OffsetDateTimePattern.ExtendedIso.Parse(text);
        if (!result.Success)
        {
            // NodaTime's message names the field that is out of range; its echo of the input is left out.
            var reason = result.Exception.Message;
            var cut = reason.IndexOf(" Value being parsed", StringComparison.Ordinal);
            Add(JsonPath.Property(path, name), $"found \"{text}\", expected an existing instant with an offset: {(cut >= 0 ? reason[..cut] : reason)}");
            return null;
        }

        var local = result.Value;
        if (local.Year is < InputLimits.MinYear or > InputLimits.MaxYear)
        {
            Add(JsonPath.Property(path, name), $"found \"{text}\", expected an instant in the years {InputLimits.MinYear} to {InputLimits.MaxYear}");
            return null;
        }

        return local.ToInstant();
    }

    /// <summary>Runs a record's constructor; its complaint about a parameter becomes an error at that parameter's property.</summary>
    private T? Build<T>(JsonElement json, string path, Func<T> create)
        where T : class
    {
        try
        {
            return create();
        }
        catch (ArgumentException e)
        {
            var property = e.ParamName switch
            {
                null or "" => null,
                "baseLoad" => "baseLoadKw",
                "slotLength" => "slotMinutes",
                var name => name,
            };
            var reason = Reason(e);

            // The records name the first instant of any interval "the start"; a session calls it its arrival.
            if (property == "departure")
            {
                reason = reason.Replace("the start", "the arrival", StringComparison.Ordinal);
            }

            if (property is null)
            {
                Add(path, reason);
            }
            else if (json.TryGetProperty(property, out var value))
            {
                Add(JsonPath.Property(path, property), $"found {JsonPath.Describe(value)}, which {reason}");
            }
            else if (e is ArgumentOutOfRangeException { ActualValue: IFormattable actual })
            {
                Add(JsonPath.Property(path, property), $"not given, and its default {actual.ToString(null, CultureInfo.InvariantCulture)} {reason}");
            }
            else
            {
                Add(JsonPath.Property(path, property), $"not given, and its default {reason}");
            }

            return null;
        }
    }

    private static string Reason(ArgumentException e)
    {
        // Exception messages append the parameter and value on their own lines and in parentheses; the path says that already.
        var message = e.Message;
        var newline = message.IndexOf('\n', StringComparison.Ordinal);
        if (newline >= 0)
        {
            message = message[..newline].TrimEnd('\r');
        }

        var suffix = $" (Parameter '{e.ParamName}')";
        return message.EndsWith(suffix, StringComparison.Ordinal) ? message[..^suffix.Length] : message;
    }

    private void Add(string path, string message) => _errors.Add(new ScenarioError(path, message));

    private static JsonElement? Optional(JsonElement json, string name) =>
        json.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;

    private static double? Number(JsonElement json, string name) => Optional(json, name)?.GetDouble();

    // The schema accepts 3.0 as an integer, which GetInt32 would not; it also bounds the value.
    private static int? Integer(JsonElement json, string name) => Optional(json, name) is { } value ? (int)value.GetDouble() : null;

    private static string? Text(JsonElement json, string name) => Optional(json, name)?.GetString();

    private static string? TransactionId(JsonElement json) => Optional(json, "transactionId") switch
    {
        { ValueKind: JsonValueKind.Number } number => decimal.Truncate(number.GetDecimal()).ToString(CultureInfo.InvariantCulture),
        { } text => text.GetString(),
        null => null,
    };
}
