using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;
using Scheduler.Protocols.JsonSupport;

namespace Scheduler.Protocols.Ocpp;

/// <summary>
/// The official OCPP JSON schemas of SetChargingProfile, embedded as <c>Schemas/ocpp-*.json</c> and built once.
/// JsonSchema.Net does not know draft-04, so the 1.6 schema's <c>$schema</c> is dropped and both are evaluated as
/// draft-06, whose keywords are the same for everything these two schemas use.
/// </summary>
internal sealed class OcppSchema
{
    private static readonly Lazy<OcppSchema> LazyV16 = new(() => new OcppSchema("ocpp-v16-SetChargingProfile.json"));
    private static readonly Lazy<OcppSchema> LazyV201 = new(() => new OcppSchema("ocpp-v201-SetChargingProfileRequest.json"));

    private readonly JsonSchema _schema;

    private OcppSchema(string fileName)
    {
        var resourceName = "Scheduler.Protocols.Schemas." + fileName;
        using var stream = typeof(OcppSchema).Assembly.GetManifestResourceStream(resourceName)
            ?? throw new InvalidOperationException($"The schema resource '{resourceName}' is not embedded in the assembly.");
        var node = JsonNode.Parse(stream)?.AsObject()
            ?? throw new InvalidOperationException($"The schema resource '{resourceName}' is not a JSON object.");
        node.Remove("$schema");

        // A registry of its own, so that building the schema never collides with another copy in the global one.
        _schema = JsonSchema.FromText(
            node.ToJsonString(),
            new BuildOptions { SchemaRegistry = new SchemaRegistry(), Dialect = Dialect.Draft06 });
    }

    /// <summary>The schema of <paramref name="version"/>'s SetChargingProfile request.</summary>
    public static OcppSchema For(OcppVersion version) => version == OcppVersion.V16 ? LazyV16.Value : LazyV201.Value;

    /// <summary>Every place <paramref name="instance"/> breaks the schema, one violation per place and keyword.</summary>
    public IReadOnlyList<ProfileViolation> Validate(JsonElement instance)
    {
        var results = _schema.Evaluate(instance, new EvaluationOptions { OutputFormat = OutputFormat.List, Culture = CultureInfo.InvariantCulture });
        if (results.IsValid)
        {
            return [];
        }

        var violations = new List<ProfileViolation>();
        foreach (var node in results.Details is { Count: > 0 } details ? details : [results])
        {
            if (node.IsValid || node.Errors is not { Count: > 0 } errors)
            {
                continue;
            }

            var path = JsonPath.Locate(instance, node.InstanceLocation.ToString()).Path;
            // A property the schema does not know fails the "false" schema of additionalProperties, under no keyword of its own.
            if (node.EvaluationPath.ToString().EndsWith("/additionalProperties", StringComparison.Ordinal))
            {
                violations.Add(new ProfileViolation(path, "a property the schema does not allow [additionalProperties: false]"));
                continue;
            }

            foreach (var (keyword, message) in errors)
            {
                violations.Add(new ProfileViolation(path, $"{message} [{keyword}]"));
            }
        }

        return violations.Distinct().ToList();
    }
}
