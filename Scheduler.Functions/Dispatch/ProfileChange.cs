using System.Text.Json.Nodes;
using NodaTime;
using Scheduler.Protocols.Ocpp;

namespace Scheduler.Functions.Dispatch;

/// <summary>
/// Whether a new profile changes what a charger may draw: a re-plan every 15 minutes moves every profile's start,
/// but only a different limit from now on, or a different transaction, EVSE or stack level, is worth sending.
/// </summary>
public static class ProfileChange
{
    /// <summary>Whether <paramref name="next"/> differs from <paramref name="previous"/> at any instant from <paramref name="now"/> on.</summary>
    public static bool Differs(JsonObject previous, JsonObject next, Instant now)
    {
        ArgumentNullException.ThrowIfNull(previous);
        ArgumentNullException.ThrowIfNull(next);
        if (Identity(previous) != Identity(next))
        {
            return true;
        }

        var before = ChargingProfileReader.Read(previous);
        var after = ChargingProfileReader.Read(next);
        var instants = before.Concat(after)
            .SelectMany(i => new[] { i.Start, i.End ?? i.Start })
            .Append(now)
            .Where(t => t >= now)
            .Distinct();
        return instants.Any(t => ChargingProfileReader.LimitAt(before, t) != ChargingProfileReader.LimitAt(after, t));
    }

    private static string Identity(JsonObject payload)
    {
        var profile = (payload["chargingProfile"] ?? payload["csChargingProfiles"]) as JsonObject;
        var parts = new[]
        {
            payload["evseId"] ?? payload["connectorId"],
            profile?["id"] ?? profile?["chargingProfileId"],
            profile?["stackLevel"],
            profile?["transactionId"],
            profile?["chargingProfilePurpose"],
        };
        return string.Join("|", parts.Select(p => p?.ToJsonString() ?? "null"));
    }
}
