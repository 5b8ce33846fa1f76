using System.Text.Json.Nodes;
using Scheduler.Protocols.Ocpp;

namespace Scheduler.Functions.Planning;

/// <summary>The charging profiles of a stored plan file, read back so that a plan stored but not yet dispatched can be dispatched later.</summary>
public static class PlannedProfiles
{
    /// <summary>Reads the <c>chargingProfiles</c> of a plan file (v1); none when it has none.</summary>
    public static IReadOnlyList<ChargingProfile> Read(string planJson)
    {
        var root = JsonNode.Parse(planJson)?.AsObject() ?? throw new FormatException("the plan file is not a JSON object");
        if (root["chargingProfiles"] is not JsonArray profiles)
        {
            return [];
        }

        return [.. profiles.OfType<JsonObject>().Select(p => new ChargingProfile(
            (string?)p["sessionId"],
            (string)p["chargerId"]!,
            (string?)p["ocppVersion"] == "1.6" ? OcppVersion.V16 : OcppVersion.V201,
            Enum.Parse<ChargingProfilePurpose>((string)p["purpose"]!),
            p["payload"]!.AsObject().DeepClone().AsObject(),
            (bool?)p["dispatchable"] == false ? (string?)p["notDispatchableReason"] ?? "not dispatchable" : null,
            (double?)p["energyLostKwh"] ?? 0))];
    }
}
