using System.Text.Json;
using System.Text.Json.Nodes;
using NodaTime.Text;

namespace Scheduler.Protocols.Ocpp;

/// <summary>
/// Checks a charging-profile payload before it is sent: first against the official OCPP JSON schema of its
/// version, then against the rules a charger enforces that the schema cannot express (first period at 0, start
/// periods strictly increasing, limits at most one decimal and not negative, phases 1..3, a startSchedule on an
/// Absolute profile, validity that ends after it begins, no EVSE 0, a transaction id on a 2.0.1 TxProfile).
/// </summary>
public static class ChargingProfileValidator
{
    /// <summary>Every violation of <paramref name="profile"/>'s payload; empty when it may be sent as it is.</summary>
    public static IReadOnlyList<ProfileViolation> Validate(ChargingProfile profile) => Validate(profile.Payload, profile.OcppVersion);

    /// <summary>Every violation of <paramref name="payload"/> as a request body of <paramref name="version"/>, schema violations first.</summary>
    public static IReadOnlyList<ProfileViolation> Validate(JsonObject payload, OcppVersion version)
    {
        // Read as the charger reads it: from the JSON text, whatever .NET types the nodes were built from.
        var text = payload.ToJsonString();
        using var document = JsonDocument.Parse(text);
        var violations = OcppSchema.For(version).Validate(document.RootElement).ToList();
        if (violations.Count == 0)
        {
            violations.AddRange(Rules(JsonNode.Parse(text)!.AsObject(), version));
        }

        return violations;
    }

    private static IEnumerable<ProfileViolation> Rules(JsonObject payload, OcppVersion version)
    {
        var v16 = version == OcppVersion.V16;
        var (evseName, profileName) = v16 ? ("connectorId", "csChargingProfiles") : ("evseId", "chargingProfile");
        var profile = payload[profileName]!.AsObject();
        var profilePath = "$." + profileName;
        var purpose = profile["chargingProfilePurpose"]!.GetValue<string>();
        if (payload[evseName]!.GetValue<int>() == 0 && purpose is "TxProfile" or "TxDefaultProfile")
        {
            yield return new("$." + evseName, $"a {purpose} on 0 applies to every EVSE of the station; name the charger's own");
        }

        if (!v16 && purpose == "TxProfile" && profile["transactionId"] is null)
        {
            yield return new(profilePath + ".transactionId", "a 2.0.1 TxProfile must name its transaction (K01.FR.03)");
        }

        if (profile["validFrom"] is { } from && profile["validTo"] is { } to
            && Parse(to.GetValue<string>()) is { } end && Parse(from.GetValue<string>()) is { } start && end <= start)
        {
            yield return new(profilePath + ".validTo", "validTo must be after validFrom");
        }

        var schedules = v16 ? [profile["chargingSchedule"]] : profile["chargingSchedule"]!.AsArray().ToList();
        for (var s = 0; s < schedules.Count; s++)
        {
            var schedule = schedules[s]!.AsObject();
            var schedulePath = profilePath + ".chargingSchedule" + (v16 ? string.Empty : $"[{s}]");
            if (profile["chargingProfileKind"]!.GetValue<string>() == "Absolute" && schedule["startSchedule"] is null)
            {
                yield return new(schedulePath + ".startSchedule", "an Absolute profile needs a startSchedule (K01.FR.40)");
            }

            var periods = schedule["chargingSchedulePeriod"]!.AsArray();
            long? previous = null;
            for (var i = 0; i < periods.Count; i++)
            {
                var period = periods[i]!.AsObject();
                var path = $"{schedulePath}.chargingSchedulePeriod[{i}]";
                var startPeriod = period["startPeriod"]!.GetValue<long>();
                if (i == 0 && startPeriod != 0)
                {
                    yield return new(path + ".startPeriod", $"found {startPeriod}, expected 0 in the first period (K01.FR.31)");
                }
                else if (previous is { } before && startPeriod <= before)
                {
                    yield return new(path + ".startPeriod", $"found {startPeriod}, expected more than the previous period's {before} (K01.FR.35)");
                }

                previous = startPeriod;
                var limit = period["limit"]!.GetValue<decimal>();
                if (limit < 0 || decimal.Round(limit, 1) != limit)
                {
                    yield return new(path + ".limit", $"found {limit}, expected 0 or more with at most one decimal");
                }

                if (period["numberPhases"] is { } phases && phases.GetValue<int>() is < 1 or > 3)
                {
                    yield return new(path + ".numberPhases", $"found {phases.GetValue<int>()}, expected 1, 2 or 3");
                }
            }
        }
    }

    private static NodaTime.Instant? Parse(string text) =>
        InstantPattern.ExtendedIso.Parse(text) is { Success: true } result ? result.Value : null;
}
