using System.Text.Json.Nodes;
using Scheduler.Protocols.Scenarios;

namespace Scheduler.Tests.Protocols;

/// <summary>The scenario schema file itself, as embedded in Scheduler.Protocols.</summary>
public sealed class ScenarioSchemaTests
{
    [Fact]
    public void Schema_EveryProperty_HasADescription()
    {
        var schema = Load();

        Assert.Empty(SchemaDescriptions.PropertiesWithoutDescription(schema));
    }

    [Fact]
    public void Schema_EveryObject_ForbidsUnknownProperties()
    {
        var objects = Objects(Load()).ToList();

        Assert.NotEmpty(objects);
        Assert.All(objects, o => Assert.False(o["additionalProperties"]!.GetValue<bool>()));
    }

    [Fact]
    public void Schema_Defaults_MatchTheDocumentedOnes()
    {
        var defs = Load()["$defs"]!;

        Assert.Equal(230, defs["site"]!["properties"]!["voltageV"]!["default"]!.GetValue<int>());
        Assert.Equal(6, defs["charger"]!["properties"]!["minCurrentA"]!["default"]!.GetValue<int>());
        Assert.Equal(3, defs["charger"]!["properties"]!["phases"]!["default"]!.GetValue<int>());
        Assert.Equal("RST", defs["charger"]!["properties"]!["phaseRotation"]!["default"]!.GetValue<string>());
        Assert.Equal(24, defs["charger"]!["properties"]!["maxSchedulePeriods"]!["default"]!.GetValue<int>());
        Assert.Equal(15, defs["planning"]!["properties"]!["slotMinutes"]!["default"]!.GetValue<int>());
        Assert.Equal(0, defs["demandCharge"]!["properties"]!["peakSoFarKw"]!["default"]!.GetValue<int>());
    }

    private static JsonNode Load()
    {
        using var stream = typeof(ScenarioReader).Assembly.GetManifestResourceStream("Scheduler.Protocols.Schemas.scenario.v1.schema.json")!;
        return JsonNode.Parse(stream)!;
    }

    private static IEnumerable<JsonObject> Objects(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject o:
                if (o["type"]?.ToString() == "object")
                {
                    yield return o;
                }

                foreach (var (_, child) in o)
                {
                    foreach (var found in Objects(child))
                    {
                        yield return found;
                    }
                }

                break;
            case JsonArray a:
                foreach (var child in a)
                {
                    foreach (var found in Objects(child))
                    {
                        yield return found;
                    }
                }

                break;
        }
    }
}
