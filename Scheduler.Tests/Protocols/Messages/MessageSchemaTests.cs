using System.Text.Json.Nodes;
using Scheduler.Protocols.Messages;

namespace Scheduler.Tests.Protocols.Messages;

public sealed class MessageSchemaTests
{
    public static TheoryData<string> SchemaNames => new(MessageTypes.All.Append("envelope"));

    [Theory]
    [MemberData(nameof(SchemaNames))]
    public void Schema_EveryProperty_HasADescription(string name)
    {
        var schema = Load(name);

        Assert.Empty(SchemaDescriptions.PropertiesWithoutDescription(schema));
    }

    [Theory]
    [MemberData(nameof(SchemaNames))]
    public void Schema_OfEachType_IsClosedAndRequiresTheEnvelope(string name)
    {
        var schema = Load(name);

        Assert.Equal(["type", "version", "id"], schema["required"]!.AsArray().Take(3).Select(n => n!.GetValue<string>()));
        if (name != "envelope")
        {
            Assert.False(schema["additionalProperties"]!.GetValue<bool>());
            Assert.Equal(name, schema["properties"]!["type"]!["const"]!.GetValue<string>());
        }
    }

    private static JsonNode Load(string name)
    {
        using var stream = typeof(MessageEnvelopeReader).Assembly.GetManifestResourceStream($"Scheduler.Protocols.Schemas.messages.{name}.v1.schema.json")!;
        return JsonNode.Parse(stream)!;
    }
}
