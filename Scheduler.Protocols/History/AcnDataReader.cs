using System.Globalization;
using System.Text.Json;
using NodaTime;
using NodaTime.Text;
using Scheduler.Protocols.Input;
using Scheduler.Protocols.JsonSupport;

namespace Scheduler.Protocols.History;

/// <summary>
/// Reads Caltech ACN-Data sessions (ev.caltech.edu/dataset): <c>{"_meta":…,"_items":[…]}</c> as the API returns them,
/// or a bare array of the items. See <see cref="SessionHistoryReader.ReadAcnData"/> for the mapping.
/// </summary>
internal static class AcnDataReader
{
    private const string Example = "\"Tue, 01 Dec 2020 13:59:06 GMT\"";

    /// <summary>RFC 1123 in GMT, as ACN-Data writes every timestamp; the day of the week must match the date.</summary>
    private static readonly InstantPattern Rfc1123 = InstantPattern.CreateWithInvariantCulture("ddd, dd MMM uuuu HH':'mm':'ss 'GMT'");

    /// <summary>Parses <paramref name="json"/>, or returns null and records where its syntax breaks.</summary>
    public static JsonDocument? Parse(string json, SessionHistoryCollector found)
    {
        var document = JsonInput.Parse(json, out var problems);
        foreach (var (path, message, _) in problems)
        {
            found.Error(path, message);
        }

        return document;
    }

    /// <summary>True where <paramref name="root"/> looks like ACN-Data: an object with <c>_items</c>, or an array of session objects.</summary>
    public static bool Recognises(JsonElement root) => root.ValueKind switch
    {
        JsonValueKind.Object => root.TryGetProperty("_items", out _),
        JsonValueKind.Array => root.GetArrayLength() == 0 || IsItem(root[0]),
        _ => false,
    };

    /// <summary>Reads the sessions in a parsed document.</summary>
    public static void Read(JsonElement root, SessionHistoryCollector found)
    {
        JsonElement items;
        string itemsPath;
        if (root.ValueKind == JsonValueKind.Array)
        {
            (items, itemsPath) = (root, JsonPath.Root);
        }
        else if (root.ValueKind != JsonValueKind.Object)
        {
            found.Error(JsonPath.Root, $"is {JsonPath.Describe(root)}: expected an object with \"_items\", or an array of ACN-Data sessions");
            return;
        }
        else if (!root.TryGetProperty("_items", out items))
        {
            found.Error(JsonPath.Property(JsonPath.Root, "_items"), "is missing: expected an array of ACN-Data sessions");
            return;
        }
        else if (items.ValueKind != JsonValueKind.Array)
        {
            found.Error(JsonPath.Property(JsonPath.Root, "_items"), $"is {JsonPath.Describe(items)}: expected an array of ACN-Data sessions");
            return;
        }
        else
        {
            itemsPath = JsonPath.Property(JsonPath.Root, "_items");
        }

        if (items.GetArrayLength() > InputLimits.MaxHistorySessions)
        {
            found.Error(itemsPath, string.Create(CultureInfo.InvariantCulture, $"holds {items.GetArrayLength():N0} sessions, more than the {InputLimits.MaxHistorySessions:N0} a history may hold"));
            return;
        }

        var i = 0;
        foreach (var item in items.EnumerateArray())
        {
            if (found.IsFull)
            {
                return;
            }

            ReadSession(item, JsonPath.Index(itemsPath, i++), found);
        }
    }

    private static void ReadSession(JsonElement item, string path, SessionHistoryCollector found)
    {
        if (item.ValueKind != JsonValueKind.Object)
        {
            found.Error(path, $"is {JsonPath.Describe(item)}: expected an ACN-Data session object");
            return;
        }

        var errorsBefore = found.ErrorCount;
        var id = RequiredString(item, path, "sessionID", found);
        var chargerId = OptionalString(item, path, "stationID", found);
        var vehicleId = OptionalString(item, path, "userID", found);
        foreach (var (name, value) in (ReadOnlySpan<(string, string?)>)[("sessionID", id), ("stationID", chargerId), ("userID", vehicleId)])
        {
            if (value is not null && Printable.IdProblem(value) is { } problem)
            {
                found.Error(JsonPath.Property(path, name), $"is {Printable.Quote(value)}, which {problem}");
            }
        }

        var arrival = Time(item, path, "connectionTime", found);
        var departure = Time(item, path, "disconnectTime", found);
        var energy = Energy(item, path, "kWhDelivered", required: true, found);
        if (arrival is { } a && departure is { } d && HistoricalSession.StayProblem(a, d, $"connectionTime {Format(a)}") is { } stay)
        {
            found.Error(JsonPath.Property(path, "disconnectTime"), $"is {Format(d)}, {stay}");
        }

        var announcements = Announcements(item, path, departure, found);
        if (id is not null && !found.Unique(id, JsonPath.Property(path, "sessionID")))
        {
            return;
        }

        if (found.ErrorCount == errorsBefore && id is not null && arrival is { } arrived && departure is { } left && energy is { } kwh)
        {
            found.Add(new HistoricalSession(id, chargerId, arrived, left, kwh, announcements) { VehicleId = vehicleId });
        }
    }

    /// <summary>One announcement per <c>userInputs</c> entry, ordered by <c>modifiedAt</c> (entries at the same instant keep file order).</summary>
    private static List<Announcement> Announcements(JsonElement item, string path, Instant? departure, SessionHistoryCollector found)
    {
        var announcements = new List<Announcement>();
        var inputsPath = JsonPath.Property(path, "userInputs");
        if (!item.TryGetProperty("userInputs", out var inputs) || inputs.ValueKind == JsonValueKind.Null)
        {
            return announcements;
        }

        if (inputs.ValueKind != JsonValueKind.Array)
        {
            found.Error(inputsPath, $"is {JsonPath.Describe(inputs)}: expected null or an array of the driver's inputs");
            return announcements;
        }

        if (inputs.GetArrayLength() > InputLimits.MaxAnnouncements)
        {
            found.Error(inputsPath, string.Create(CultureInfo.InvariantCulture, $"holds {inputs.GetArrayLength():N0} inputs, more than the {InputLimits.MaxAnnouncements} a session may hold"));
            return announcements;
        }

        var i = 0;
        foreach (var input in inputs.EnumerateArray())
        {
            var inputPath = JsonPath.Index(inputsPath, i++);
            if (input.ValueKind != JsonValueKind.Object)
            {
                found.Error(inputPath, $"is {JsonPath.Describe(input)}: expected an object with modifiedAt, requestedDeparture and kWhRequested");
                continue;
            }

            var at = Time(input, inputPath, "modifiedAt", found);
            var requestedDeparture = OptionalTime(input, inputPath, "requestedDeparture", found);
            var requestedEnergy = Energy(input, inputPath, "kWhRequested", required: false, found);
            if (at is not { } said)
            {
                continue;
            }

            if (requestedDeparture is null && requestedEnergy is null)
            {
                found.Warning(inputPath, "has neither requestedDeparture nor kWhRequested; left out");
            }
            else if (departure is { } left && said >= left)
            {
                found.Warning(inputPath, $"was made at {Format(said)}, when the vehicle had left; left out");
            }
            else
            {
                announcements.Add(new Announcement(said, requestedDeparture, requestedEnergy));
            }
        }

        return announcements.OrderBy(static a => a.At).ToList();
    }

    private static bool IsItem(JsonElement item) =>
        item.ValueKind == JsonValueKind.Object && (item.TryGetProperty("sessionID", out _) || item.TryGetProperty("connectionTime", out _));

    private static string? RequiredString(JsonElement parent, string parentPath, string name, SessionHistoryCollector found)
    {
        var path = JsonPath.Property(parentPath, name);
        if (!parent.TryGetProperty(name, out var value))
        {
            found.Error(path, "is missing: expected a non-empty string");
            return null;
        }

        if (value.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(value.GetString()))
        {
            found.Error(path, $"is {JsonPath.Describe(value)}: expected a non-empty string");
            return null;
        }

        return value.GetString();
    }

    private static string? OptionalString(JsonElement parent, string parentPath, string name, SessionHistoryCollector found)
    {
        if (!parent.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            found.Error(JsonPath.Property(parentPath, name), $"is {JsonPath.Describe(value)}: expected a string or null");
            return null;
        }

        var text = value.GetString();
        return string.IsNullOrWhiteSpace(text) ? null : text;
    }

    private static Instant? Time(JsonElement parent, string parentPath, string name, SessionHistoryCollector found)
    {
        if (!parent.TryGetProperty(name, out var value))
        {
            found.Error(JsonPath.Property(parentPath, name), $"is missing: expected an RFC 1123 time in GMT, e.g. {Example}");
            return null;
        }

        return ParseTime(value, JsonPath.Property(parentPath, name), found);
    }

    private static Instant? OptionalTime(JsonElement parent, string parentPath, string name, SessionHistoryCollector found) =>
        parent.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null
            ? ParseTime(value, JsonPath.Property(parentPath, name), found)
            : null;

    private static Instant? ParseTime(JsonElement value, string path, SessionHistoryCollector found)
    {
        var parsed = value.ValueKind == JsonValueKind.String ? Rfc1123.Parse(value.GetString() ?? string.Empty) : null;
        if (parsed is not { Success: true })
        {
            found.Error(path, $"is {JsonPath.Describe(value)}: expected an RFC 1123 time in GMT, e.g. {Example}");
            return null;
        }

        if (parsed.Value.InUtc().Year is < InputLimits.MinYear or > InputLimits.MaxYear)
        {
            found.Error(path, $"is {JsonPath.Describe(value)}: expected a time in the years {InputLimits.MinYear} to {InputLimits.MaxYear}");
            return null;
        }

        return parsed.Value;
    }

    private static double? Energy(JsonElement parent, string parentPath, string name, bool required, SessionHistoryCollector found)
    {
        var path = JsonPath.Property(parentPath, name);
        if (!parent.TryGetProperty(name, out var value) || (!required && value.ValueKind == JsonValueKind.Null))
        {
            if (required)
            {
                found.Error(path, "is missing: expected a number of kWh, zero or above");
            }

            return null;
        }

        if (value.ValueKind != JsonValueKind.Number || !value.TryGetDouble(out var kwh) || !double.IsFinite(kwh) || kwh < 0)
        {
            found.Error(path, $"is {JsonPath.Describe(value)}: expected a number of kWh, zero or above");
            return null;
        }

        return kwh;
    }

    private static string Format(Instant instant) => instant.ToString("uuuu'-'MM'-'dd'T'HH':'mm':'ss'Z'", CultureInfo.InvariantCulture);
}
