using System.Text;
using System.Text.Json;

namespace Scheduler.Protocols.Messages;

/// <summary>Writes <see cref="EvChargingSchedule"/> as the body of an OCPP 2.0.1 <c>NotifyEVChargingScheduleRequest</c>.</summary>
public static class EvChargingScheduleWriter
{
    /// <summary>The schedule as JSON text, e.g. for a session to keep it.</summary>
    public static string Write(EvChargingSchedule schedule)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            Write(writer, schedule);
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>Writes the schedule as one JSON object (the schedule's id is written as 1: nothing reads it back).</summary>
    public static void Write(Utf8JsonWriter writer, EvChargingSchedule schedule)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(schedule);
        writer.WriteStartObject();
        writer.WriteString("timeBase", MessageTime.Format(schedule.TimeBase));
        writer.WriteNumber("evseId", schedule.EvseId);
        writer.WriteStartObject("chargingSchedule");
        writer.WriteNumber("id", 1);
        if (schedule.StartSchedule is { } start)
        {
            writer.WriteString("startSchedule", MessageTime.Format(start));
        }

        writer.WriteString("chargingRateUnit", schedule.RateUnit.ToString());
        writer.WriteStartArray("chargingSchedulePeriod");
        foreach (var period in schedule.Periods)
        {
            writer.WriteStartObject();
            writer.WriteNumber("startPeriod", period.StartPeriodS);
            writer.WriteNumber("limit", period.Limit);
            if (period.NumberPhases is { } phases)
            {
                writer.WriteNumber("numberPhases", phases);
            }

            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
        writer.WriteEndObject();
    }
}
