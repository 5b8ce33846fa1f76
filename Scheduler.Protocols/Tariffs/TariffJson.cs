using System.Globalization;
using System.Text.Json;
using NodaTime;
using NodaTime.Text;
using Scheduler.Protocols.JsonSupport;

namespace Scheduler.Protocols.Tariffs;

/// <summary>Reads the values of a tariff JSON feed, recording a <see cref="TariffError"/> with its JSON path for each bad one.</summary>
internal sealed class TariffJson
{
    public TariffJson()
    {
        Prices = new PriceList(Errors);
    }

    public List<TariffError> Errors { get; } = [];

    /// <summary>The prices read, and the rules they must keep.</summary>
    public PriceList Prices { get; }

    /// <summary>Parses <paramref name="json"/> as <see cref="JsonInput"/> does; on a problem records it with its place and returns null.</summary>
    public JsonDocument? Parse(string json)
    {
        var document = JsonInput.Parse(json, out var problems);
        Errors.AddRange(problems.Select(p => new TariffError(p.Path, p.Message)));
        return document;
    }

    /// <summary>The array <paramref name="name"/> of <paramref name="parent"/>, or null with an error where it is missing or holds more entries than a feed may.</summary>
    public JsonElement? Entries(JsonElement parent, string parentPath, string name)
    {
        var array = Array(parent, parentPath, name);
        return array is { } a && Prices.TooMany(a.GetArrayLength(), JsonPath.Property(parentPath, name)) ? null : array;
    }

    public JsonElement? Property(JsonElement parent, string parentPath, string name, JsonValueKind kind)
    {
        var path = JsonPath.Property(parentPath, name);
        if (parent.ValueKind != JsonValueKind.Object || !parent.TryGetProperty(name, out var value))
        {
            Errors.Add(new TariffError(path, $"is missing: expected {Describe(kind)}"));
            return null;
        }

        if (value.ValueKind != kind)
        {
            Errors.Add(new TariffError(path, $"is {JsonPath.Describe(value)}: expected {Describe(kind)}"));
            return null;
        }

        return value;
    }

    public JsonElement? Array(JsonElement parent, string parentPath, string name) => Property(parent, parentPath, name, JsonValueKind.Array);

    public decimal? Number(JsonElement parent, string parentPath, string name)
    {
        var value = Property(parent, parentPath, name, JsonValueKind.Number);
        if (value is { } v && !v.TryGetDecimal(out var number))
        {
            Errors.Add(new TariffError(JsonPath.Property(parentPath, name), $"is {v.GetRawText()}: expected a number in decimal range"));
            return null;
        }

        return value?.GetDecimal();
    }

    /// <summary>A number written as a JSON string, e.g. EnergyZero's <c>"0.07994"</c>.</summary>
    public decimal? NumberString(JsonElement parent, string parentPath, string name)
    {
        var value = Property(parent, parentPath, name, JsonValueKind.String);
        if (value is not { } v)
        {
            return null;
        }

        if (!decimal.TryParse(v.GetString(), NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
        {
            Errors.Add(new TariffError(JsonPath.Property(parentPath, name), $"is {JsonPath.Describe(v)}: expected a decimal number as a string, e.g. \"0.0799\""));
            return null;
        }

        return number;
    }

    /// <summary>An ISO 8601 instant with offset, e.g. <c>2025-05-30T22:00:00Z</c>.</summary>
    public Instant? Instant(JsonElement parent, string parentPath, string name)
    {
        var value = Property(parent, parentPath, name, JsonValueKind.String);
        if (value is not { } v)
        {
            return null;
        }

        var parsed = OffsetDateTimePattern.ExtendedIso.Parse(v.GetString() ?? string.Empty);
        if (!parsed.Success)
        {
            Errors.Add(new TariffError(JsonPath.Property(parentPath, name), $"is {JsonPath.Describe(v)}: expected an ISO 8601 date-time with offset, e.g. 2025-05-30T22:00:00Z"));
            return null;
        }

        return parsed.Value.ToInstant();
    }

    /// <summary>Milliseconds since the Unix epoch as a JSON integer.</summary>
    public Instant? UnixMilliseconds(JsonElement parent, string parentPath, string name)
    {
        var value = Property(parent, parentPath, name, JsonValueKind.Number);
        if (value is not { } v)
        {
            return null;
        }

        if (!v.TryGetInt64(out var ms) || ms < -62135596800000L || ms > 253402300799999L)
        {
            Errors.Add(new TariffError(JsonPath.Property(parentPath, name), $"is {v.GetRawText()}: expected whole milliseconds since 1970-01-01T00:00Z"));
            return null;
        }

        // Seconds since 1970 read as milliseconds land in the first months of 1970, where no price feed has data.
        if (ms is >= 1_000_000_000L and < 10_000_000_000L)
        {
            Errors.Add(new TariffError(JsonPath.Property(parentPath, name), string.Create(CultureInfo.InvariantCulture,
                $"is {ms}, which as milliseconds is {NodaTime.Instant.FromUnixTimeMilliseconds(ms)}: it looks like seconds since 1970; expected milliseconds, e.g. {ms * 1000}")));
            return null;
        }

        return NodaTime.Instant.FromUnixTimeMilliseconds(ms);
    }

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        _ => kind.ToString(),
    };
}
