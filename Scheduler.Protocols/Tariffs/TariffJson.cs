using System.Globalization;
using System.Text.Json;
using NodaTime;
using NodaTime.Text;
using Scheduler.Protocols.JsonSupport;

namespace Scheduler.Protocols.Tariffs;

/// <summary>Reads the values of a tariff JSON feed, recording a <see cref="TariffError"/> with its JSON path for each bad one.</summary>
internal sealed class TariffJson
{
    private static readonly JsonDocumentOptions DocumentOptions = new() { AllowTrailingCommas = false, CommentHandling = JsonCommentHandling.Disallow };

    public List<TariffError> Errors { get; } = [];

    /// <summary>Parses <paramref name="json"/>; on a syntax error records it (with line and byte) and returns null.</summary>
    public JsonDocument? Parse(string json)
    {
        try
        {
            return JsonDocument.Parse(json, DocumentOptions);
        }
        catch (JsonException e)
        {
            var line = (e.LineNumber ?? 0) + 1;
            var position = (e.BytePositionInLine ?? 0) + 1;
            Errors.Add(new TariffError(
                string.Create(CultureInfo.InvariantCulture, $"line {line}, byte {position}"),
                "is not valid JSON: expected a JSON document"));
            return null;
        }
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

        return NodaTime.Instant.FromUnixTimeMilliseconds(ms);
    }

    /// <summary>Records an error unless <paramref name="end"/> is after <paramref name="start"/>.</summary>
    public bool Ordered(Instant start, Instant end, string path)
    {
        if (end > start)
        {
            return true;
        }

        Errors.Add(new TariffError(path, string.Create(CultureInfo.InvariantCulture, $"ends at {end} but starts at {start}: expected the end after the start")));
        return false;
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
