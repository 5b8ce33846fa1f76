using System.Globalization;
using System.Text.Json;
using NodaTime;
using NodaTime.Text;
using Scheduler.Protocols.JsonSupport;
using Scheduler.Protocols.Messages;

namespace Scheduler.Functions.Departures;

/// <summary>
/// A vehicle's week as JSON: <c>{"days":[{"day":"weekdays","time":"07:30","energyKwh":25}]}</c>. A day is a weekday
/// name (<c>monday</c> … <c>sunday</c>) or a group (<c>weekdays</c>, <c>weekend</c>, <c>daily</c>); each weekday may be
/// named once. Bad input comes back as errors with a code and the JSON path, as the queue messages' readers report them.
/// </summary>
public static class WeeklyDeparturesJson
{
    /// <summary>A day is not a weekday name or group.</summary>
    public const string DayUnknown = "recurring.day-unknown";

    /// <summary>A weekday is named twice.</summary>
    public const string DayTwice = "recurring.day-twice";

    /// <summary>A time is not HH:mm.</summary>
    public const string TimeMalformed = "recurring.time-malformed";

    /// <summary>The body is not the expected shape (a missing or unknown property, a wrong type).</summary>
    public const string Shape = "schema";

    private static readonly LocalTimePattern TimePattern = LocalTimePattern.CreateWithInvariantCulture("HH':'mm");

    private static readonly IReadOnlyDictionary<string, IsoDayOfWeek[]> Groups = new Dictionary<string, IsoDayOfWeek[]>(StringComparer.Ordinal)
    {
        ["weekdays"] = [IsoDayOfWeek.Monday, IsoDayOfWeek.Tuesday, IsoDayOfWeek.Wednesday, IsoDayOfWeek.Thursday, IsoDayOfWeek.Friday],
        ["weekend"] = [IsoDayOfWeek.Saturday, IsoDayOfWeek.Sunday],
        ["daily"] = [.. Enumerable.Range(1, 7).Select(d => (IsoDayOfWeek)d)],
    };

    /// <summary>Reads a week.</summary>
    /// <exception cref="JsonException">The text is not JSON.</exception>
    public static (WeeklyDepartures? Week, IReadOnlyList<MessageError> Errors) Read(string json)
    {
        using var document = JsonDocument.Parse(json, new JsonDocumentOptions { AllowDuplicateProperties = false });
        return Read(document.RootElement);
    }

    /// <summary>Reads a week from a parsed body.</summary>
    public static (WeeklyDepartures? Week, IReadOnlyList<MessageError> Errors) Read(JsonElement root)
    {
        var errors = new List<MessageError>();
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("days", out var days) || days.ValueKind != JsonValueKind.Array || days.GetArrayLength() == 0)
        {
            return (null, [new(Shape, JsonPath.Property(JsonPath.Root, "days"), "expected an object with a non-empty array \"days\" of {\"day\", \"time\", \"energyKwh\"}")]);
        }

        foreach (var property in root.EnumerateObject().Where(p => p.Name != "days"))
        {
            errors.Add(new(Shape, JsonPath.Property(JsonPath.Root, property.Name), $"unknown property \"{property.Name}\", expected only \"days\""));
        }

        var entries = new List<RecurringDeparture>();
        var index = 0;
        foreach (var item in days.EnumerateArray())
        {
            ReadEntry(item, JsonPath.Index(JsonPath.Property(JsonPath.Root, "days"), index++), entries, errors);
        }

        return errors.Count > 0 ? (null, errors) : (new WeeklyDepartures(entries), errors);
    }

    /// <summary>Writes a week, one entry per weekday.</summary>
    public static string Write(WeeklyDepartures week)
    {
        ArgumentNullException.ThrowIfNull(week);
        return JsonSerializer.Serialize(new { days = week.Days.Select(Describe) });
    }

    /// <summary>One entry as the API shows it.</summary>
    public static object Describe(RecurringDeparture entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return new { day = entry.Day.ToString().ToLowerInvariant(), time = TimePattern.Format(entry.Time), energyKwh = entry.EnergyKwh };
    }

    private static void ReadEntry(JsonElement item, string path, List<RecurringDeparture> entries, List<MessageError> errors)
    {
        if (item.ValueKind != JsonValueKind.Object)
        {
            errors.Add(new(Shape, path, $"found {JsonPath.Describe(item)}, expected an object {{\"day\", \"time\", \"energyKwh\"}}"));
            return;
        }

        foreach (var property in item.EnumerateObject().Where(p => p.Name is not ("day" or "time" or "energyKwh")))
        {
            errors.Add(new(Shape, JsonPath.Property(path, property.Name), $"unknown property \"{property.Name}\", expected day, time and energyKwh"));
        }

        var days = ReadDays(item, path, errors);
        var time = ReadTime(item, path, errors);
        var energy = ReadEnergy(item, path, errors);
        if (days is null || time is null || energy is null)
        {
            return;
        }

        foreach (var day in days)
        {
            if (entries.Any(e => e.Day == day))
            {
                errors.Add(new(DayTwice, JsonPath.Property(path, "day"), $"{day.ToString().ToLowerInvariant()} is already given by an earlier entry, expected each weekday once"));
                return;
            }

            entries.Add(new RecurringDeparture(day, time.Value, energy.Value));
        }
    }

    private static IsoDayOfWeek[]? ReadDays(JsonElement item, string path, List<MessageError> errors)
    {
        var dayPath = JsonPath.Property(path, "day");
        var name = item.TryGetProperty("day", out var value) && value.ValueKind == JsonValueKind.String ? value.GetString()! : null;
        if (name is not null && Groups.TryGetValue(name, out var group))
        {
            return group;
        }

        var day = Enumerable.Range(1, 7).Select(d => (IsoDayOfWeek)d).FirstOrDefault(d => d.ToString().ToLowerInvariant() == name);
        if (day != IsoDayOfWeek.None)
        {
            return [day];
        }

        errors.Add(new(DayUnknown, dayPath, $"found {JsonPath.Describe(item.TryGetProperty("day", out var found) ? found : null)}, expected monday … sunday, weekdays, weekend or daily"));
        return null;
    }

    private static LocalTime? ReadTime(JsonElement item, string path, List<MessageError> errors)
    {
        var value = item.TryGetProperty("time", out var found) ? found : (JsonElement?)null;
        var parsed = value is { ValueKind: JsonValueKind.String } text ? TimePattern.Parse(text.GetString()!) : null;
        if (parsed is { Success: true })
        {
            return parsed.Value;
        }

        errors.Add(new(TimeMalformed, JsonPath.Property(path, "time"), $"found {JsonPath.Describe(value)}, expected a local time HH:mm in the site's zone, e.g. 07:30"));
        return null;
    }

    private static double? ReadEnergy(JsonElement item, string path, List<MessageError> errors)
    {
        var energyPath = JsonPath.Property(path, "energyKwh");
        if (!item.TryGetProperty("energyKwh", out var value) || value.ValueKind != JsonValueKind.Number)
        {
            errors.Add(new(MessageErrorCodes.EnergyMissing, energyPath, $"found {JsonPath.Describe(item.TryGetProperty("energyKwh", out var f) ? f : null)}, expected the energy to charge in kWh"));
            return null;
        }

        var kwh = value.GetDouble();
        if (kwh <= 0)
        {
            errors.Add(new(MessageErrorCodes.EnergyNonPositive, energyPath, $"found {kwh.ToString("R", CultureInfo.InvariantCulture)} kWh, expected an energy above 0"));
            return null;
        }

        if (kwh > DepartureMessage.MaxEnergyKwh)
        {
            errors.Add(new(MessageErrorCodes.EnergyTooLarge, energyPath, $"found {kwh.ToString("R", CultureInfo.InvariantCulture)} kWh, expected at most {DepartureMessage.MaxEnergyKwh.ToString(CultureInfo.InvariantCulture)} kWh"));
            return null;
        }

        return kwh;
    }
}
