using System.Globalization;
using System.Text.Json;
using Json.Schema;

namespace Scheduler.Protocols.JsonSupport;

/// <summary>
/// One of the JSON Schemas embedded in this assembly (<c>Schemas/*.json</c>), built once, and the validation of
/// documents against it with errors in our terms: a JSON path and a readable message, in document order.
/// </summary>
internal sealed class EmbeddedSchema
{
    private static readonly Lazy<EmbeddedSchema> LazyScenario = new(() => new EmbeddedSchema("scenario.v1.schema.json"));
    private static readonly Lazy<EmbeddedSchema> LazyPlan = new(() => new EmbeddedSchema("plan.v1.schema.json"));

    private static readonly EvaluationOptions FlagOptions = new() { OutputFormat = OutputFormat.Flag, Culture = CultureInfo.InvariantCulture };

    private readonly JsonSchema _schema;
    private readonly JsonElement _document;
    private readonly SchemaRegistry _registry = new();
    private readonly string _id;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, JsonSchema> _itemSchemas = new(StringComparer.Ordinal);

    /// <summary>Loads and builds the schema embedded as <c>Schemas/{fileName}</c> (folders become dots).</summary>
    internal EmbeddedSchema(string fileName)
    {
        var resourceName = "Scheduler.Protocols.Schemas." + fileName;
        using var stream = typeof(EmbeddedSchema).Assembly.GetManifestResourceStream(resourceName)
            ?? throw new InvalidOperationException($"The schema resource '{resourceName}' is not embedded in the assembly.");
        using var reader = new StreamReader(stream);
        Text = reader.ReadToEnd();
        using var document = JsonDocument.Parse(Text);
        _document = document.RootElement.Clone();

        // A registry of its own, so that building the schema never collides with another copy in the global one.
        _schema = JsonSchema.FromText(Text, new BuildOptions { SchemaRegistry = _registry });
        _id = _document.GetProperty("$id").GetString()!;
    }

    /// <summary>The scenario file v1 schema.</summary>
    public static EmbeddedSchema Scenario => LazyScenario.Value;

    /// <summary>The plan file v1 schema.</summary>
    public static EmbeddedSchema Plan => LazyPlan.Value;

    /// <summary>The schema's JSON text.</summary>
    public string Text { get; }

    /// <summary>Validates <paramref name="instance"/>; returns at most <paramref name="maxViolations"/>, one per place, in document order.</summary>
    /// <remarks>
    /// A valid document is only checked (which costs little); a detailed evaluation, which costs kilobytes per value
    /// it visits, runs on a <see cref="FailingSample"/> of an invalid one, so that its cost stays bounded by the
    /// failing items rather than growing with the document.
    /// </remarks>
    public IReadOnlyList<SchemaViolation> Validate(JsonElement instance, int maxViolations)
    {
        if (IsValid(_schema, instance))
        {
            return [];
        }

        var sample = FailingSample.Of(instance, this, maxViolations);
        using var copy = JsonDocument.Parse(sample.Json);
        var options = new EvaluationOptions
        {
            OutputFormat = OutputFormat.List,
            Culture = CultureInfo.InvariantCulture,
        };
        var results = _schema.Evaluate(copy.RootElement, options);
        var violations = new List<SchemaViolation>();
        foreach (var node in results.Details is { Count: > 0 } details ? details : [results])
        {
            if (node.IsValid || node.Errors is not { Count: > 0 } errors)
            {
                continue;
            }

            var location = JsonPath.Locate(instance, sample.Original(node.InstanceLocation.ToString()));
            violations.AddRange(SchemaMessages.Translate(location, node.EvaluationPath.ToString(), errors, this));
        }

        return violations
            .Select((v, i) => (Violation: v, Index: i))
            .OrderBy(v => v.Violation.Location, Comparer<JsonLocation>.Create(JsonLocation.CompareDocumentOrder))
            .ThenBy(v => v.Index)
            .Select(v => v.Violation)
            .DistinctBy(v => v.Location.Path, StringComparer.Ordinal)
            .Take(maxViolations)
            .ToList();
    }

    /// <summary>Whether <paramref name="instance"/> satisfies <paramref name="schema"/>, checked without collecting where it does not.</summary>
    public static bool IsValid(JsonSchema schema, JsonElement instance) => schema.Evaluate(instance, FlagOptions).IsValid;

    /// <summary>The schema of the items of the array at <paramref name="steps"/>, or null where the schema has none there.</summary>
    public JsonSchema? ItemSchemaAt(IReadOnlyList<JsonStep> steps)
    {
        if (Walk(steps) is not ({ } array, { } pointer) || !array.TryGetProperty("items", out _))
        {
            return null;
        }

        // The items' subschema, referred to by its place in this schema, which the registry holds under its $id.
        return _itemSchemas.GetOrAdd(pointer + "/items", items => JsonSchema.FromText($$"""{ "$ref": "{{_id}}#{{items}}" }""", new BuildOptions { SchemaRegistry = _registry }));
    }

    /// <summary>
    /// The subschema that applies at <paramref name="steps"/>, following <c>properties</c>, <c>items</c> and local
    /// <c>$ref</c>s; null where the schema says nothing (an unknown property). Our schemas use no combinators, so
    /// the path alone decides.
    /// </summary>
    public JsonElement? SubschemaAt(IEnumerable<JsonStep> steps) => Walk(steps).Schema;

    /// <summary>The subschema at <paramref name="steps"/> and its JSON Pointer in the schema; both null where there is none.</summary>
    private (JsonElement? Schema, string? Pointer) Walk(IEnumerable<JsonStep> steps)
    {
        var (current, pointer) = ResolveWithPointer(_document, string.Empty);
        foreach (var step in steps)
        {
            if (current.ValueKind != JsonValueKind.Object)
            {
                return (null, null);
            }

            if (step.Index is not null && current.TryGetProperty("items", out var items))
            {
                (current, pointer) = ResolveWithPointer(items, pointer + "/items");
            }
            else if (step.Index is null && current.TryGetProperty("properties", out var properties) && properties.TryGetProperty(step.Name, out var property))
            {
                (current, pointer) = ResolveWithPointer(property, pointer + "/properties/" + step.Name.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal));
            }
            else
            {
                return (null, null);
            }
        }

        return (current, pointer);
    }

    /// <summary>Follows a chain of local <c>$ref</c>s (<c>#/$defs/...</c>) to its end, and says where in the schema it ends.</summary>
    private (JsonElement Schema, string Pointer) ResolveWithPointer(JsonElement schema, string pointer)
    {
        for (var hops = 0; hops < 16 && Target(schema) is { } target && Find(target) is { } found; hops++)
        {
            (schema, pointer) = (found, target[1..]);
        }

        return (schema, pointer);
    }

    /// <summary>The local reference <paramref name="schema"/> makes, e.g. <c>#/$defs/session</c>, or null.</summary>
    private static string? Target(JsonElement schema) =>
        schema.ValueKind == JsonValueKind.Object
        && schema.TryGetProperty("$ref", out var reference)
        && reference.GetString() is { } target
        && target.StartsWith("#/", StringComparison.Ordinal)
            ? target
            : null;

    /// <summary>The part of the schema a local reference names, or null where it names nothing.</summary>
    private JsonElement? Find(string target)
    {
        var resolved = _document;
        foreach (var raw in target[2..].Split('/'))
        {
            var name = raw.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
            if (resolved.ValueKind != JsonValueKind.Object || !resolved.TryGetProperty(name, out resolved))
            {
                return null;
            }
        }

        return resolved;
    }
}
