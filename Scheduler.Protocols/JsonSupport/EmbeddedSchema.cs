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

    private readonly JsonSchema _schema;
    private readonly JsonElement _document;

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
        _schema = JsonSchema.FromText(Text, new BuildOptions { SchemaRegistry = new SchemaRegistry() });
    }

    /// <summary>The scenario file v1 schema.</summary>
    public static EmbeddedSchema Scenario => LazyScenario.Value;

    /// <summary>The plan file v1 schema.</summary>
    public static EmbeddedSchema Plan => LazyPlan.Value;

    /// <summary>The schema's JSON text.</summary>
    public string Text { get; }

    /// <summary>Validates <paramref name="instance"/>; returns at most <paramref name="maxViolations"/>, one per place, in document order.</summary>
    public IReadOnlyList<SchemaViolation> Validate(JsonElement instance, int maxViolations)
    {
        var options = new EvaluationOptions
        {
            OutputFormat = OutputFormat.List,
            Culture = CultureInfo.InvariantCulture,
        };
        var results = _schema.Evaluate(instance, options);
        if (results.IsValid)
        {
            return [];
        }

        var violations = new List<SchemaViolation>();
        foreach (var node in results.Details is { Count: > 0 } details ? details : [results])
        {
            if (node.IsValid || node.Errors is not { Count: > 0 } errors)
            {
                continue;
            }

            var location = JsonPath.Locate(instance, node.InstanceLocation.ToString());
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

    /// <summary>
    /// The subschema that applies at <paramref name="steps"/>, following <c>properties</c>, <c>items</c> and local
    /// <c>$ref</c>s; null where the schema says nothing (an unknown property). Our schemas use no combinators, so
    /// the path alone decides.
    /// </summary>
    public JsonElement? SubschemaAt(IEnumerable<JsonStep> steps)
    {
        JsonElement? current = Resolve(_document);
        foreach (var step in steps)
        {
            if (current is not { ValueKind: JsonValueKind.Object } schema)
            {
                return null;
            }

            if (step.Index is not null)
            {
                current = schema.TryGetProperty("items", out var items) ? Resolve(items) : null;
            }
            else
            {
                current = schema.TryGetProperty("properties", out var properties) && properties.TryGetProperty(step.Name, out var property)
                    ? Resolve(property)
                    : null;
            }
        }

        return current;
    }

    private JsonElement Resolve(JsonElement schema)
    {
        // Our schemas only refer within themselves (#/$defs/...); a chain of references is followed to its end.
        for (var hops = 0; hops < 16; hops++)
        {
            if (schema.ValueKind != JsonValueKind.Object
                || !schema.TryGetProperty("$ref", out var reference)
                || reference.GetString() is not { } target
                || !target.StartsWith("#/", StringComparison.Ordinal))
            {
                return schema;
            }

            var resolved = _document;
            foreach (var raw in target[2..].Split('/'))
            {
                var name = raw.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
                if (resolved.ValueKind != JsonValueKind.Object || !resolved.TryGetProperty(name, out resolved))
                {
                    return schema;
                }
            }

            schema = resolved;
        }

        return schema;
    }
}
