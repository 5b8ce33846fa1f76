using System.Text.Json;
using Scheduler.Protocols.JsonSupport;

namespace Scheduler.Protocols.Messages;

/// <summary>
/// Reads the body of an OCPP 2.0.1 <c>NotifyEVChargingNeedsRequest</c> into <see cref="EvChargingNeeds"/>: inside a
/// session-event message (after its schema), and back from where the session keeps it.
/// </summary>
public static class EvChargingNeedsReader
{
    /// <summary>Reads needs as <see cref="EvChargingNeedsWriter"/> wrote them, for a session that stored them.</summary>
    /// <exception cref="FormatException">The text is not needs this code wrote.</exception>
    public static EvChargingNeeds ReadStored(string json)
    {
        using var document = JsonDocument.Parse(json);
        var errors = new List<MessageError>();
        return Read(document.RootElement, JsonPath.Root, errors) is { } needs && errors.Count == 0
            ? needs
            : throw new FormatException("stored charging needs are not readable: " + string.Join("; ", errors.Select(e => $"{e.Path}: {e.Message}")));
    }

    /// <summary>Reads a schema-valid body at <paramref name="path"/>, adding what else is wrong to <paramref name="errors"/>.</summary>
    internal static EvChargingNeeds? Read(JsonElement body, string path, List<MessageError> errors)
    {
        var needs = body.GetProperty("chargingNeeds");
        var needsPath = JsonPath.Property(path, "chargingNeeds");
        var departure = needs.Optional("departureTime") is { } time
            ? MessageTime.ReadInstant(time, JsonPath.Property(needsPath, "departureTime"), errors)
            : null;
        var ac = needs.Optional("acChargingParameters") is { } acJson ? ReadAc(acJson, JsonPath.Property(needsPath, "acChargingParameters"), errors) : null;
        var dc = needs.Optional("dcChargingParameters") is { } dcJson ? ReadDc(dcJson) : null;
        if (errors.Count > 0)
        {
            return null;
        }

        return new EvChargingNeeds(
            Int(body, "evseId")!.Value,
            TransferOf(needs.RequiredString("requestedEnergyTransfer")),
            departure,
            ac,
            dc,
            Int(body, "maxScheduleTuples"));
    }

    /// <summary>The wire name of <paramref name="transfer"/>, e.g. <c>AC_three_phase</c>.</summary>
    internal static string WireName(EvEnergyTransfer transfer) => transfer switch
    {
        EvEnergyTransfer.Dc => "DC",
        EvEnergyTransfer.AcSinglePhase => "AC_single_phase",
        EvEnergyTransfer.AcTwoPhase => "AC_two_phase",
        EvEnergyTransfer.AcThreePhase => "AC_three_phase",
        _ => throw new ArgumentOutOfRangeException(nameof(transfer), transfer, "not an energy transfer mode"),
    };

    private static EvEnergyTransfer TransferOf(string name) =>
        Enum.GetValues<EvEnergyTransfer>().First(t => string.Equals(WireName(t), name, StringComparison.Ordinal));

    private static AcChargingParameters? ReadAc(JsonElement json, string path, List<MessageError> errors)
    {
        var min = Int(json, "evMinCurrent")!.Value;
        var max = Int(json, "evMaxCurrent")!.Value;

        // A vehicle that accepts no current between its own limits cannot be charged by any schedule.
        if (min > max)
        {
            errors.Add(new(MessageErrorCodes.EvCurrentRange, JsonPath.Property(path, "evMinCurrent"), $"found evMinCurrent {min} A above evMaxCurrent {max} A, expected at most the most current"));
            return null;
        }

        return new AcChargingParameters(Int(json, "energyAmount")!.Value, min, max, Int(json, "evMaxVoltage")!.Value);
    }

    private static DcChargingParameters ReadDc(JsonElement json) => new(
        Int(json, "evMaxCurrent")!.Value,
        Int(json, "evMaxVoltage")!.Value,
        Int(json, "energyAmount"),
        Int(json, "evMaxPower"),
        Int(json, "stateOfCharge"),
        Int(json, "evEnergyCapacity"),
        Int(json, "fullSoC"),
        Int(json, "bulkSoC"));

    // The schemas allow 16.0 for an integer; it is read as 16.
    private static int? Int(JsonElement json, string name) => json.Optional(name) is { } value ? (int)value.GetDouble() : null;
}
