using System.Globalization;
using System.Text.Json;
using Scheduler.Protocols.JsonSupport;
using Scheduler.Protocols.Ocpp;

namespace Scheduler.Protocols.Messages;

/// <summary>
/// Reads the body of an OCPP 2.0.1 <c>NotifyEVChargingScheduleRequest</c> into <see cref="EvChargingSchedule"/>: inside
/// a session-event message (after its schema), and back from where the session keeps it.
/// </summary>
public static class EvChargingScheduleReader
{
    /// <summary>Reads a schedule as <see cref="EvChargingScheduleWriter"/> wrote it.</summary>
    /// <exception cref="FormatException">The text is not a schedule this code wrote.</exception>
    public static EvChargingSchedule ReadStored(string json)
    {
        using var document = JsonDocument.Parse(json);
        var errors = new List<MessageError>();
        return Read(document.RootElement, JsonPath.Root, errors) is { } schedule && errors.Count == 0
            ? schedule
            : throw new FormatException("a stored vehicle schedule is not readable: " + string.Join("; ", errors.Select(e => $"{e.Path}: {e.Message}")));
    }

    /// <summary>Reads a schema-valid body at <paramref name="path"/>, adding what else is wrong to <paramref name="errors"/>.</summary>
    internal static EvChargingSchedule? Read(JsonElement body, string path, List<MessageError> errors)
    {
        var timeBase = MessageTime.ReadInstant(body.GetProperty("timeBase"), JsonPath.Property(path, "timeBase"), errors);
        var schedule = body.GetProperty("chargingSchedule");
        var schedulePath = JsonPath.Property(path, "chargingSchedule");
        var start = schedule.Optional("startSchedule") is { } startJson
            ? MessageTime.ReadInstant(startJson, JsonPath.Property(schedulePath, "startSchedule"), errors)
            : null;
        var periodsPath = JsonPath.Property(schedulePath, "chargingSchedulePeriod");
        var periods = new List<EvSchedulePeriod>();
        foreach (var (period, index) in schedule.GetProperty("chargingSchedulePeriod").EnumerateArray().Select((p, i) => (p, i)))
        {
            var startPeriod = (int)period.GetProperty("startPeriod").GetDouble();

            // A schedule is a sequence in time: from its start on, each period later than the one before.
            var expected = index == 0 ? "0" : string.Create(CultureInfo.InvariantCulture, $"more than {periods[^1].StartPeriodS}");
            if ((index == 0 && startPeriod != 0) || (index > 0 && startPeriod <= periods[^1].StartPeriodS))
            {
                errors.Add(new(MessageErrorCodes.EvScheduleOrder, JsonPath.Property(JsonPath.Index(periodsPath, index), "startPeriod"),
                    string.Create(CultureInfo.InvariantCulture, $"found startPeriod {startPeriod}, expected {expected} s")));
                return null;
            }

            periods.Add(new EvSchedulePeriod(startPeriod, period.GetProperty("limit").GetDouble(), period.Optional("numberPhases") is { } phases ? (int)phases.GetDouble() : null));
        }

        if (errors.Count > 0 || timeBase is null)
        {
            return null;
        }

        var unit = schedule.RequiredString("chargingRateUnit") == "W" ? ChargingRateUnit.W : ChargingRateUnit.A;
        return new EvChargingSchedule((int)body.GetProperty("evseId").GetDouble(), timeBase.Value, start, unit, periods);
    }
}
