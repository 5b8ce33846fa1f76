using System.Text.Json.Nodes;
using Scheduler.Protocols.Plans;

namespace Scheduler.Tests.Protocols;

public sealed class PlanSchemaTests
{
    private const string ValidPlan = """
        {
          "version": 1, "siteId": "depot-1", "status": "Optimal", "currency": "EUR",
          "cost": 1.5, "energyCost": 1.5, "demandCost": 0, "peakKw": 11.04, "objective": 1.5,
          "lowerBound": 1.5, "gapPct": 0, "solveMs": 3, "baselineCost": 2, "savings": 0.5,
          "baseline": { "cost": 2, "deliveredKwh": 5, "peakKw": 11.04 },
          "requestedKwh": 5, "deliveredKwh": 5, "shortfallKwh": 0,
          "planning": { "start": "2026-03-29T01:30:00+01:00", "end": "2026-03-29T03:30:00+02:00", "slotMinutes": 15 },
          "sessions": [
            { "id": "s-1", "chargerId": "cp-01", "phases": 3, "requestedKwh": 5, "deliveredKwh": 5, "shortfallKwh": 0,
              "periods": [ { "start": "2026-03-29T01:30:00+01:00", "end": "2026-03-29T01:45:00+01:00", "currentA": 16, "powerKw": 11.04 } ] }
          ],
          "siteLoad": [
            { "start": "2026-03-29T01:30:00+01:00", "end": "2026-03-29T01:45:00+01:00", "kw": 11.04, "chargingKw": 11.04,
              "baseLoadKw": 0, "limitKw": 150, "perKwh": 0.3 }
          ]
        }
        """;

    [Fact]
    public void Validate_ValidPlan_ReturnsNoErrors()
    {
        Assert.Empty(PlanSchema.Validate(ValidPlan));
    }

    [Fact]
    public void Validate_UnknownProperty_ReportsIt()
    {
        var plan = JsonNode.Parse(ValidPlan)!;
        plan["sessions"]![0]!["colour"] = "red";

        var error = Assert.Single(PlanSchema.Validate(plan.ToJsonString()));

        Assert.StartsWith("$.sessions[0].colour: unknown property", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_MissingField_ReportsIt()
    {
        var plan = JsonNode.Parse(ValidPlan)!.AsObject();
        plan.Remove("lowerBound");

        var error = Assert.Single(PlanSchema.Validate(plan.ToJsonString()));

        Assert.StartsWith("$.lowerBound: required property", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_NegativeCurrent_ReportsIt()
    {
        var plan = JsonNode.Parse(ValidPlan)!;
        plan["sessions"]![0]!["periods"]![0]!["currentA"] = -1;

        var error = Assert.Single(PlanSchema.Validate(plan.ToJsonString()));

        Assert.StartsWith("$.sessions[0].periods[0].currentA: found -1", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_MalformedJson_ReportsTheRoot()
    {
        var error = Assert.Single(PlanSchema.Validate("{"));

        Assert.StartsWith("$: not valid JSON", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Json_EveryProperty_HasADescription()
    {
        var schema = JsonNode.Parse(PlanSchema.Json)!;

        Assert.Empty(SchemaDescriptions.PropertiesWithoutDescription(schema));
    }
}
