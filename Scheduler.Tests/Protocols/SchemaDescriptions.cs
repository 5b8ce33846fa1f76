using System.Text.Json.Nodes;

namespace Scheduler.Tests.Protocols;

/// <summary>Finds the properties of a JSON Schema that lack a <c>description</c>.</summary>
internal static class SchemaDescriptions
{
    public static IReadOnlyList<string> PropertiesWithoutDescription(JsonNode schema)
    {
        var missing = new List<string>();
        Visit(schema, "#", missing);
        return missing;
    }

    private static void Visit(JsonNode? node, string where, List<string> missing)
    {
        if (node is not JsonObject schema)
        {
            return;
        }

        if (schema["properties"] is JsonObject properties)
        {
            foreach (var (name, property) in properties)
            {
                if (property?["description"] is null)
                {
                    missing.Add($"{where}/properties/{name}");
                }

                Visit(property, $"{where}/properties/{name}", missing);
            }
        }

        Visit(schema["items"], where + "/items", missing);
        if (schema["$defs"] is JsonObject definitions)
        {
            foreach (var (name, definition) in definitions)
            {
                Visit(definition, $"{where}/$defs/{name}", missing);
            }
        }
    }
}
