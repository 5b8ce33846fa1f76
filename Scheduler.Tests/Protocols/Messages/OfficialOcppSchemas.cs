using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;
using Scheduler.Protocols.Messages;

namespace Scheduler.Tests.Protocols.Messages;

/// <summary>The official OCPP 2.0.1 schemas of the vehicle's requests, as embedded in Scheduler.Protocols.</summary>
internal static class OfficialOcppSchemas
{
    private static readonly Lazy<JsonSchema> LazyNeeds = new(() => Load("ocpp-v201-NotifyEVChargingNeedsRequest.json"));
    private static readonly Lazy<JsonSchema> LazySchedule = new(() => Load("ocpp-v201-NotifyEVChargingScheduleRequest.json"));

    public static bool AcceptsNeeds(JsonNode body) => Accepts(LazyNeeds.Value, body);

    public static bool AcceptsSchedule(JsonNode body) => Accepts(LazySchedule.Value, body);

    private static bool Accepts(JsonSchema schema, JsonNode body)
    {
        using var document = JsonDocument.Parse(body.ToJsonString());
        return schema.Evaluate(document.RootElement, new EvaluationOptions { Culture = CultureInfo.InvariantCulture }).IsValid;
    }

    private static JsonSchema Load(string fileName)
    {
        using var stream = typeof(SessionEventMessage).Assembly.GetManifestResourceStream("Scheduler.Protocols.Schemas." + fileName)!;
        var node = JsonNode.Parse(stream)!.AsObject();
        node.Remove("$schema");
        return JsonSchema.FromText(node.ToJsonString(), new BuildOptions { SchemaRegistry = new SchemaRegistry(), Dialect = Dialect.Draft06 });
    }
}
