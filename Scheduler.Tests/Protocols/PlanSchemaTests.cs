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
    public void Validate_TwoDemandChargesAndANote_ReturnsNoErrors()
    {
        var plan = WithTwoCharges();
        plan["sessions"]![0]!["note"] = JsonNode.Parse("""{ "code": "cannot-draw", "message": "the vehicle's 4 A maximum is below the charger's 6 A minimum" }""");

        Assert.Empty(PlanSchema.Validate(plan.ToJsonString()));
    }

    [Theory]
    [InlineData("billedKw", "-1", "$.demandCharges[1].billedKw: found -1")]
    [InlineData("coveredSlots", "2.5", "$.demandCharges[1].coveredSlots: found 2.5")]
    [InlineData("amount", "\"12\"", "$.demandCharges[1].amount: found \"12\"")]
    public void Validate_BadDemandChargeValue_ReportsIt(string property, string value, string expected)
    {
        var plan = WithTwoCharges();
        plan["demandCharges"]![1]![property] = JsonNode.Parse(value);

        var error = Assert.Single(PlanSchema.Validate(plan.ToJsonString()));

        Assert.StartsWith(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_DemandChargeWithoutItsPeak_ReportsTheMissingField()
    {
        var plan = WithTwoCharges();
        plan["demandCharges"]![0]!.AsObject().Remove("peakKw");

        var error = Assert.Single(PlanSchema.Validate(plan.ToJsonString()));

        Assert.StartsWith("$.demandCharges[0].peakKw: required property", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_NoteWithoutMessage_ReportsTheMissingMessage()
    {
        var plan = JsonNode.Parse(ValidPlan)!;
        plan["sessions"]![0]!["note"] = JsonNode.Parse("""{ "code": "cannot-draw" }""");

        var error = Assert.Single(PlanSchema.Validate(plan.ToJsonString()));

        Assert.StartsWith("$.sessions[0].note.message: required property", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_MalformedJson_ReportsTheRoot()
    {
        var error = Assert.Single(PlanSchema.Validate("{"));

        Assert.StartsWith("$: not valid JSON", error, StringComparison.Ordinal);
    }

    private static JsonNode WithTwoCharges()
    {
        var plan = JsonNode.Parse(ValidPlan)!;
        plan["demandCost"] = 44.31;
        plan["demandCharges"] = JsonNode.Parse("""
            [
              { "id": "facility-2026-03", "perKw": 25.36, "peakKw": 11.04, "peakSoFarKw": 30, "billedKw": 0, "amount": 0, "coveredSlots": 1 },
              { "id": "on-peak-2026-03", "perKw": 29.54, "peakKw": 11.04, "peakSoFarKw": 9.54, "billedKw": 1.5, "amount": 44.31, "coveredSlots": 1 }
            ]
            """);
        return plan;
    }

    [Fact]
    public void Json_EveryProperty_HasADescription()
    {
        var schema = JsonNode.Parse(PlanSchema.Json)!;

        Assert.Empty(SchemaDescriptions.PropertiesWithoutDescription(schema));
    }
}
