using System.Text.Json.Nodes;
using NodaTime;
using NodaTime.Text;

namespace Scheduler.Protocols.Ocpp;

/// <summary>
/// Reads a charging-profile payload (1.6 <c>SetChargingProfile</c> or 2.0.1 <c>SetChargingProfileRequest</c>) back
/// into intervals of time with a current limit, as a charger would apply an Absolute schedule.
/// </summary>
public static class ChargingProfileReader
{
    /// <summary>The periods of the payload's (first) schedule as intervals; the last runs until the schedule's duration ends, or on.</summary>
    /// <param name="payload">The request body.</param>
    /// <param name="voltageV">The phase-to-neutral voltage for turning W limits into amps; the default is 230 V.</param>
    /// <exception cref="FormatException">The payload is not an Absolute profile with a startSchedule and periods.</exception>
    public static IReadOnlyList<ProfileInterval> Read(JsonObject payload, double voltageV = 230)
    {
        // Read as the charger reads it: from the JSON text, whatever .NET types the nodes were built from.
        payload = JsonNode.Parse(payload.ToJsonString())!.AsObject();
        var profile = (payload["csChargingProfiles"] ?? payload["chargingProfile"]) as JsonObject
            ?? throw new FormatException("neither csChargingProfiles (1.6) nor chargingProfile (2.0.1) is present");
        var schedule = profile["chargingSchedule"] switch
        {
            JsonArray array when array.Count > 0 => array[0] as JsonObject,
            JsonObject single => single,
            _ => null,
        } ?? throw new FormatException("the profile has no chargingSchedule");
        var startText = schedule["startSchedule"]?.GetValue<string>()
            ?? throw new FormatException("the schedule has no startSchedule");
        var start = InstantPattern.ExtendedIso.Parse(startText).GetValueOrThrow();
        var unit = schedule["chargingRateUnit"]?.GetValue<string>() ?? "A";
        var periods = schedule["chargingSchedulePeriod"] as JsonArray
            ?? throw new FormatException("the schedule has no chargingSchedulePeriod");
        Instant? end = schedule["duration"] is { } duration ? start + Duration.FromSeconds(duration.GetValue<long>()) : null;

        var intervals = new List<ProfileInterval>();
        for (var i = 0; i < periods.Count; i++)
        {
            var period = periods[i] as JsonObject ?? throw new FormatException($"period {i} is not an object");
            var from = start + Duration.FromSeconds(period["startPeriod"]!.GetValue<long>());
            Instant? to = i + 1 < periods.Count
                ? start + Duration.FromSeconds(periods[i + 1]!["startPeriod"]!.GetValue<long>())
                : end;
            var limit = period["limit"]!.GetValue<decimal>();
            var phases = period["numberPhases"]?.GetValue<int>() ?? 3;
            var limitA = unit == "W" ? (double)limit / (voltageV * phases) : (double)limit;
            intervals.Add(new ProfileInterval(from, to, limitA));
        }

        return intervals;
    }

    /// <summary>The limit in force at <paramref name="instant"/>, or null before the schedule starts or after it ends.</summary>
    public static double? LimitAt(IReadOnlyList<ProfileInterval> intervals, Instant instant) =>
        intervals.FirstOrDefault(i => i.Contains(instant))?.LimitA;
}
