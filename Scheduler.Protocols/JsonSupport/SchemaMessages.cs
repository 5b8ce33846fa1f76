using System.Text.Json;
using Scheduler.Protocols.Input;

namespace Scheduler.Protocols.JsonSupport;

/// <summary>
/// Turns JsonSchema.Net's errors for one place into readable messages: what was found, what the schema expects,
/// and the validator's own words for the keyword in brackets.
/// </summary>
internal static class SchemaMessages
{
    /// <summary>Translates the errors <paramref name="errors"/> (keyword → message) that the schema reports at <paramref name="location"/>.</summary>
    public static IEnumerable<SchemaViolation> Translate(
        JsonLocation location,
        string evaluationPath,
        IReadOnlyDictionary<string, string> errors,
        EmbeddedSchema schema)
    {
        // A missing property is reported where it is missing, not at the object that lacks it.
        if (errors.TryGetValue("required", out var requiredMessage))
        {
            foreach (var name in MissingProperties(location, schema))
            {
                yield return new(location.Child(name), $"required property \"{name}\" is missing [required: {requiredMessage}]");
            }

            yield break;
        }

        // A property the schema does not know fails the "false" schema of additionalProperties.
        if (evaluationPath.EndsWith("/additionalProperties", StringComparison.Ordinal))
        {
            var name = location.Steps.Count > 0 ? location.Steps[^1].Name : location.Path;
            var known = schema.SubschemaAt(location.Steps.Take(location.Steps.Count - 1)) is { } parent
                && parent.TryGetProperty("properties", out var properties)
                ? string.Join(", ", properties.EnumerateObject().Select(p => p.Name))
                : "none";
            // The validator's own words here are about the "false" schema, which means nothing to a reader of the file.
            yield return new(location, $"unknown property {Printable.Quote(name)}, expected one of: {known} [additionalProperties: false]");
            yield break;
        }

        // One message per place: a value of the wrong type fails other keywords too, but its type is the news.
        var keyword = errors.ContainsKey("type") ? "type" : errors.Keys.First();
        var subschema = schema.SubschemaAt(location.Steps);
        var expected = Expected(keyword, subschema, location.Value);
        var found = keyword is "minLength" or "maxLength" && location.Value is { ValueKind: JsonValueKind.String } text
            ? $"{JsonPath.Describe(text)} ({(text.GetString() ?? string.Empty).Length} characters)"
            : keyword is "minItems" or "maxItems" && location.Value is { ValueKind: JsonValueKind.Array } array
                ? $"an array of {array.GetArrayLength()} items"
                : JsonPath.Describe(location.Value);
        var what = expected is null ? $"found {found}" : $"found {found}, expected {expected}";
        yield return new(location, $"{what} [{keyword}: {errors[keyword]}]");
    }

    private static IEnumerable<string> MissingProperties(JsonLocation location, EmbeddedSchema schema)
    {
        if (schema.SubschemaAt(location.Steps) is not { } subschema
            || !subschema.TryGetProperty("required", out var required)
            || location.Value is not { ValueKind: JsonValueKind.Object } value)
        {
            return [];
        }

        return required.EnumerateArray()
            .Select(r => r.GetString() ?? string.Empty)
            .Where(name => !value.TryGetProperty(name, out _))
            .ToList();
    }

    private static string? Expected(string keyword, JsonElement? subschema, JsonElement? value)
    {
        if (subschema is not { ValueKind: JsonValueKind.Object } schema || !schema.TryGetProperty(keyword, out var argument))
        {
            return null;
        }

        return keyword switch
        {
            "type" => TypeNames(argument),
            "minimum" => $"a number of at least {argument.GetRawText()}",
            "maximum" => $"a number of at most {argument.GetRawText()}",
            "exclusiveMinimum" => $"a number above {argument.GetRawText()}",
            "exclusiveMaximum" => $"a number below {argument.GetRawText()}",
            "enum" => "one of " + string.Join(", ", argument.EnumerateArray().Select(e => e.GetRawText())),
            "const" => argument.GetRawText(),
            "minLength" => $"at least {argument.GetRawText()} characters",
            "maxLength" => $"at most {argument.GetRawText()} characters",
            "minItems" => $"at least {argument.GetRawText()} items",
            "maxItems" => $"at most {argument.GetRawText()} items",
            "pattern" => schema.TryGetProperty("format", out var format) && format.GetString() == "date-time"
                ? "an ISO 8601 instant with seconds and an offset, e.g. 2026-03-29T00:15:00+01:00 or 2026-03-28T23:15:00Z"
                : $"a string matching {argument.GetRawText()}",
            _ => value is null ? null : $"a value that satisfies \"{keyword}\"",
        };
    }

    private static string TypeNames(JsonElement type)
    {
        var names = type.ValueKind == JsonValueKind.Array
            ? type.EnumerateArray().Select(t => t.GetString() ?? string.Empty)
            : [type.GetString() ?? string.Empty];
        return string.Join(" or ", names.Select(name => name switch
        {
            "number" => "a number",
            "integer" => "a whole number",
            "string" => "a string",
            "object" => "an object",
            "array" => "an array",
            "boolean" => "true or false",
            "null" => "null",
            _ => name,
        }));
    }
}
