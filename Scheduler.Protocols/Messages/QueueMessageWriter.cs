using System.Text;
using System.Text.Json;
using Scheduler.Protocols.Ocpp;

namespace Scheduler.Protocols.Messages;

/// <summary>
/// Writes queue messages as compact JSON in their v1 format, instants in UTC (e.g. 2026-03-10T06:30:00Z). What it
/// writes, the matching reader reads back into an equal record; optional fields that are null are left out.
/// </summary>
public static class QueueMessageWriter
{
    /// <summary>Writes a departure message, with its energy as <c>energyKwh</c> and its departure as an instant.</summary>
    /// <param name="message">The message.</param>
    /// <returns>The JSON text.</returns>
    public static string Write(DepartureMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return Build(MessageTypes.Departure, message.Id, writer =>
        {
            writer.WriteString("siteId", message.SiteId);
            WriteOptional(writer, "sessionId", message.SessionId);
            WriteOptional(writer, "vehicleId", message.VehicleId);
            writer.WriteString("departure", MessageTime.Format(message.Departure));
            writer.WriteNumber("energyKwh", message.EnergyKwh);
            if (message.SentAt is { } sentAt)
            {
                writer.WriteString("sentAt", MessageTime.Format(sentAt));
            }
        });
    }

    /// <summary>Writes a session-event message; the connector is always written.</summary>
    /// <param name="message">The message.</param>
    /// <returns>The JSON text.</returns>
    public static string Write(SessionEventMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return Build(MessageTypes.SessionEvent, message.Id, writer =>
        {
            writer.WriteString("siteId", message.SiteId);
            writer.WriteString("event", SessionEventMessageReader.WireName(message.Kind));
            writer.WriteString("chargerId", message.ChargerId);
            writer.WriteNumber("connectorId", message.ConnectorId);
            writer.WriteString("transactionId", message.TransactionId);
            writer.WriteString("timestamp", MessageTime.Format(message.Timestamp));
            WriteOptional(writer, "meterWh", message.MeterWh);
            WriteOptional(writer, "vehicleId", message.VehicleId);
            WriteOptional(writer, "powerW", message.PowerW);
            if (message.ChargingNeeds is { } needs)
            {
                writer.WritePropertyName(SessionEventMessageReader.NeedsProperty);
                EvChargingNeedsWriter.Write(writer, needs);
            }

            if (message.EvSchedule is { } schedule)
            {
                writer.WritePropertyName(SessionEventMessageReader.ScheduleProperty);
                EvChargingScheduleWriter.Write(writer, schedule);
            }
        });
    }

    /// <summary>Writes a grid-signal message; the event's JSON text is written as it is.</summary>
    /// <param name="message">The message.</param>
    /// <returns>The JSON text.</returns>
    public static string Write(GridSignalMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return Build(MessageTypes.GridSignal, message.Id, writer =>
        {
            writer.WriteString("siteId", message.SiteId);
            writer.WritePropertyName("event");
            writer.WriteRawValue(message.EventJson);
            if (message.Deleted)
            {
                writer.WriteBoolean("deleted", true);
            }
        });
    }

    /// <summary>Writes a plan-request message.</summary>
    /// <param name="message">The message.</param>
    /// <returns>The JSON text.</returns>
    public static string Write(PlanRequestMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return Build(MessageTypes.PlanRequest, message.Id, writer =>
        {
            writer.WriteString("siteId", message.SiteId);
            writer.WriteString("requestedAt", MessageTime.Format(message.RequestedAt));
            writer.WriteString("reason", message.Reason);
        });
    }

    /// <summary>Writes a vehicle-command message.</summary>
    /// <param name="message">The message.</param>
    /// <returns>The JSON text.</returns>
    public static string Write(VehicleCommandMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return Build(MessageTypes.VehicleCommand, message.Id, writer =>
        {
            writer.WriteString("siteId", message.SiteId);
            writer.WriteString("planId", message.PlanId);
            writer.WriteString("sessionId", message.SessionId);
            writer.WriteString("dueAt", MessageTime.Format(message.DueAt));
            writer.WriteNumber("attempt", message.Attempt);
        });
    }

    /// <summary>Writes a dispatch message; a TxDefaultProfile's absent session is left out.</summary>
    /// <param name="message">The message.</param>
    /// <returns>The JSON text.</returns>
    public static string Write(DispatchMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return Build(MessageTypes.Dispatch, message.Id, writer =>
        {
            writer.WriteString("siteId", message.SiteId);
            writer.WriteString("planId", message.PlanId);
            writer.WriteString("chargerId", message.ChargerId);
            WriteOptional(writer, "sessionId", message.SessionId);
            writer.WriteString("purpose", message.Purpose switch
            {
                ChargingProfilePurpose.TxProfile => "TxProfile",
                ChargingProfilePurpose.TxDefaultProfile => "TxDefaultProfile",
                _ => throw new ArgumentOutOfRangeException(nameof(message), message.Purpose, "not a profile purpose"),
            });
        });
    }

    /// <summary>Writes a site-meter message.</summary>
    /// <param name="message">The message.</param>
    /// <returns>The JSON text.</returns>
    public static string Write(SiteMeterMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return Build(MessageTypes.SiteMeter, message.Id, writer =>
        {
            writer.WriteString("siteId", message.SiteId);
            writer.WriteString("timestamp", MessageTime.Format(message.Timestamp));
            WriteOptional(writer, "importRegisterKwh", message.ImportRegisterKwh);
            if (message.IntervalStart is { } start)
            {
                writer.WriteString("intervalStart", MessageTime.Format(start));
            }

            WriteOptional(writer, "averageImportKw", message.AverageImportKw);
        });
    }

    private static string Build(string type, string id, Action<Utf8JsonWriter> writeBody)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("type", type);
            writer.WriteNumber("version", MessageTypes.CurrentVersion);
            writer.WriteString("id", id);
            writeBody(writer);
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    private static void WriteOptional(Utf8JsonWriter writer, string name, string? value)
    {
        if (value is not null)
        {
            writer.WriteString(name, value);
        }
    }

    private static void WriteOptional(Utf8JsonWriter writer, string name, double? value)
    {
        if (value is { } number)
        {
            writer.WriteNumber(name, number);
        }
    }
}
