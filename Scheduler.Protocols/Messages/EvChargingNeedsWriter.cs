using System.Text;
using System.Text.Json;

namespace Scheduler.Protocols.Messages;

/// <summary>Writes <see cref="EvChargingNeeds"/> as the body of an OCPP 2.0.1 <c>NotifyEVChargingNeedsRequest</c>.</summary>
public static class EvChargingNeedsWriter
{
    /// <summary>The needs as JSON text, e.g. for a session to keep them.</summary>
    public static string Write(EvChargingNeeds needs)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            Write(writer, needs);
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>Writes the needs as one JSON object.</summary>
    public static void Write(Utf8JsonWriter writer, EvChargingNeeds needs)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(needs);
        writer.WriteStartObject();
        writer.WriteNumber("evseId", needs.EvseId);
        if (needs.MaxScheduleTuples is { } tuples)
        {
            writer.WriteNumber("maxScheduleTuples", tuples);
        }

        writer.WriteStartObject("chargingNeeds");
        writer.WriteString("requestedEnergyTransfer", EvChargingNeedsReader.WireName(needs.Transfer));
        if (needs.Departure is { } departure)
        {
            writer.WriteString("departureTime", MessageTime.Format(departure));
        }

        if (needs.Ac is { } ac)
        {
            writer.WriteStartObject("acChargingParameters");
            writer.WriteNumber("energyAmount", ac.EnergyAmountWh);
            writer.WriteNumber("evMinCurrent", ac.EvMinCurrentA);
            writer.WriteNumber("evMaxCurrent", ac.EvMaxCurrentA);
            writer.WriteNumber("evMaxVoltage", ac.EvMaxVoltageV);
            writer.WriteEndObject();
        }

        if (needs.Dc is { } dc)
        {
            writer.WriteStartObject("dcChargingParameters");
            writer.WriteNumber("evMaxCurrent", dc.EvMaxCurrentA);
            writer.WriteNumber("evMaxVoltage", dc.EvMaxVoltageV);
            Optional(writer, "energyAmount", dc.EnergyAmountWh);
            Optional(writer, "evMaxPower", dc.EvMaxPowerW);
            Optional(writer, "stateOfCharge", dc.StateOfChargePercent);
            Optional(writer, "evEnergyCapacity", dc.EvEnergyCapacityWh);
            Optional(writer, "fullSoC", dc.FullSocPercent);
            Optional(writer, "bulkSoC", dc.BulkSocPercent);
            writer.WriteEndObject();
        }

        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    private static void Optional(Utf8JsonWriter writer, string name, int? value)
    {
        if (value is { } v)
        {
            writer.WriteNumber(name, v);
        }
    }
}
