using System.Text.Json.Nodes;
using NodaTime;
using Scheduler.Protocols.Messages;

namespace Scheduler.Tests.Protocols.Messages;

public sealed class ChargingNeedsEventTests
{
    private const string NeedsPath = "$.notifyEVChargingNeeds";

    public static TheoryData<string> OfficialSamples => new(
        """{"evseId":1,"chargingNeeds":{"requestedEnergyTransfer":"AC_three_phase","acChargingParameters":{"energyAmount":30000,"evMinCurrent":6,"evMaxCurrent":16,"evMaxVoltage":400}}}""",
        """{"evseId":2,"maxScheduleTuples":12,"chargingNeeds":{"requestedEnergyTransfer":"AC_single_phase","departureTime":"2026-03-10T07:30:00+01:00","acChargingParameters":{"energyAmount":9000,"evMinCurrent":10,"evMaxCurrent":32,"evMaxVoltage":230}}}""",
        """{"customData":{"vendorId":"acme"},"evseId":1,"chargingNeeds":{"customData":{"vendorId":"acme","x":1},"requestedEnergyTransfer":"AC_two_phase","acChargingParameters":{"customData":{"vendorId":"acme"},"energyAmount":0,"evMinCurrent":0,"evMaxCurrent":20,"evMaxVoltage":400}}}""",
        """{"evseId":1,"chargingNeeds":{"requestedEnergyTransfer":"DC","dcChargingParameters":{"evMaxCurrent":200,"evMaxVoltage":800}}}""",
        """{"evseId":1,"chargingNeeds":{"requestedEnergyTransfer":"DC","departureTime":"2026-03-10T06:30:00Z","dcChargingParameters":{"evMaxCurrent":125,"evMaxVoltage":450,"energyAmount":40000,"evMaxPower":50000,"stateOfCharge":35,"evEnergyCapacity":77000,"fullSoC":90,"bulkSoC":80}}}""",
        """{"evseId":3,"chargingNeeds":{"requestedEnergyTransfer":"AC_three_phase"}}""");

    public static TheoryData<string, string, string> BadValues => new()
    {
        // The official schema takes any integer; a current below 1 A or a state of charge above 100 % is no vehicle's.
        { """{"evseId":1,"chargingNeeds":{"requestedEnergyTransfer":"AC_three_phase","acChargingParameters":{"energyAmount":30000,"evMinCurrent":6,"evMaxCurrent":-5,"evMaxVoltage":400}}}""", MessageErrorCodes.Schema, NeedsPath + ".chargingNeeds.acChargingParameters.evMaxCurrent" },
        { """{"evseId":1,"chargingNeeds":{"requestedEnergyTransfer":"AC_three_phase","acChargingParameters":{"energyAmount":-1,"evMinCurrent":6,"evMaxCurrent":16,"evMaxVoltage":400}}}""", MessageErrorCodes.Schema, NeedsPath + ".chargingNeeds.acChargingParameters.energyAmount" },
        { """{"evseId":0,"chargingNeeds":{"requestedEnergyTransfer":"AC_three_phase"}}""", MessageErrorCodes.Schema, NeedsPath + ".evseId" },
        { """{"evseId":1,"chargingNeeds":{"requestedEnergyTransfer":"DC","dcChargingParameters":{"evMaxCurrent":200,"evMaxVoltage":800,"stateOfCharge":150}}}""", MessageErrorCodes.Schema, NeedsPath + ".chargingNeeds.dcChargingParameters.stateOfCharge" },
        { """{"evseId":1,"chargingNeeds":{"requestedEnergyTransfer":"AC"}}""", MessageErrorCodes.Schema, NeedsPath + ".chargingNeeds.requestedEnergyTransfer" },
        { """{"evseId":1,"chargingNeeds":{"requestedEnergyTransfer":"AC_three_phase","acChargingParameters":{"energyAmount":30000,"evMinCurrent":20,"evMaxCurrent":16,"evMaxVoltage":400}}}""", MessageErrorCodes.EvCurrentRange, NeedsPath + ".chargingNeeds.acChargingParameters.evMinCurrent" },
        { """{"evseId":1,"chargingNeeds":{"requestedEnergyTransfer":"AC_three_phase","departureTime":"2026-03-10T07:30:00"}}""", MessageErrorCodes.TimeNoOffset, NeedsPath + ".chargingNeeds.departureTime" },
    };

    [Theory]
    [MemberData(nameof(OfficialSamples))]
    public void Read_WhatTheOfficialSchemaAccepts_IsAccepted(string body)
    {
        var node = JsonNode.Parse(body)!;
        Assert.True(OfficialOcppSchemas.AcceptsNeeds(node), "the sample must be a valid NotifyEVChargingNeedsRequest");

        var message = MessageAssert.Valid(SessionEventMessageReader.Read(Event(node).ToJsonString()));

        Assert.Equal(SessionEventKind.ChargingNeeds, message.Kind);
        Assert.Equal(node["evseId"]!.GetValue<int>(), message.ChargingNeeds!.EvseId);
    }

    [Theory]
    [MemberData(nameof(BadValues))]
    public void Read_BadValue_IsRefusedAtItsPath(string body, string code, string path)
    {
        var read = SessionEventMessageReader.Read(Event(JsonNode.Parse(body)!).ToJsonString());

        Assert.False(read.IsValid);
        Assert.Contains(read.Errors, e => e.Code == code && e.Path == path);
    }

    [Fact]
    public void Read_AcNeeds_ReadsEveryField()
    {
        var body = JsonNode.Parse("""{"evseId":2,"maxScheduleTuples":12,"chargingNeeds":{"requestedEnergyTransfer":"AC_single_phase","departureTime":"2026-03-10T07:30:00+01:00","acChargingParameters":{"energyAmount":9000,"evMinCurrent":10,"evMaxCurrent":32,"evMaxVoltage":230}}}""")!;

        var needs = MessageAssert.Valid(SessionEventMessageReader.Read(Event(body).ToJsonString())).ChargingNeeds!;

        Assert.Equal((2, 12, EvEnergyTransfer.AcSinglePhase, 1), (needs.EvseId, needs.MaxScheduleTuples, needs.Transfer, needs.Phases));
        Assert.Equal(Instant.FromUtc(2026, 3, 10, 6, 30), needs.Departure);
        Assert.Equal((9000, 10, 32, 230), (needs.Ac!.EnergyAmountWh, needs.Ac.EvMinCurrentA, needs.Ac.EvMaxCurrentA, needs.Ac.EvMaxVoltageV));
        Assert.Equal(9000, needs.NeededWh);
    }

    [Fact]
    public void NeededWh_DcWithoutEnergyAmount_FillsFromStateOfChargeToFull()
    {
        var dc = new DcChargingParameters(125, 450, stateOfChargePercent: 30, evEnergyCapacityWh: 80_000, fullSocPercent: 90);

        var needs = new EvChargingNeeds(1, EvEnergyTransfer.Dc, null, null, dc);

        Assert.Equal(48_000, needs.NeededWh!.Value, 6);
        Assert.Null(needs.Phases);
    }

    [Fact]
    public void Write_ThenReadStored_GivesTheSameNeeds()
    {
        var needs = new EvChargingNeeds(
            1, EvEnergyTransfer.AcThreePhase, Instant.FromUtc(2026, 3, 10, 6, 30), new AcChargingParameters(30_000, 6, 16, 400), new DcChargingParameters(100, 500, 1, 2, 3, 4, 5, 6), 8);

        var back = EvChargingNeedsReader.ReadStored(EvChargingNeedsWriter.Write(needs));

        Assert.Equal(EvChargingNeedsWriter.Write(needs), EvChargingNeedsWriter.Write(back));
        Assert.Equal(needs.Ac, back.Ac);
        Assert.Equal(needs.Dc, back.Dc);
    }

    [Fact]
    public void Read_ChargingNeedsWithoutTheRequest_IsRefused()
    {
        var read = SessionEventMessageReader.Read(Event(null).ToJsonString());

        MessageAssert.SingleError(read, MessageErrorCodes.EvPayloadMissing, NeedsPath);
    }

    [Fact]
    public void Read_NeedsOnAMeterValue_IsRefused()
    {
        var json = Event(JsonNode.Parse("""{"evseId":3,"chargingNeeds":{"requestedEnergyTransfer":"AC_three_phase"}}"""));
        json["event"] = "meterValues";
        json["meterWh"] = 1000;

        MessageAssert.SingleError(SessionEventMessageReader.Read(json.ToJsonString()), MessageErrorCodes.EvPayloadMissing, NeedsPath);
    }

    [Fact]
    public void Write_ChargingNeedsEvent_ReadsBackTheSame()
    {
        var needs = new EvChargingNeeds(1, EvEnergyTransfer.AcThreePhase, null, new AcChargingParameters(30_000, 6, 16, 400), null);
        var message = new SessionEventMessage("e-1", "depot-1", SessionEventKind.ChargingNeeds, "cp-01", "tx-1", Instant.FromUtc(2026, 3, 9, 18, 0), null, chargingNeeds: needs);

        var back = MessageAssert.Valid(SessionEventMessageReader.Read(QueueMessageWriter.Write(message)));

        Assert.Equal(needs.Ac, back.ChargingNeeds!.Ac);
        Assert.Null(back.MeterWh);
    }

    internal static JsonObject Event(JsonNode? body)
    {
        var json = new JsonObject
        {
        ["type"] = "session-event",
        ["version"] = 1,
        ["id"] = "evt-needs-1",
        ["siteId"] = "depot-1",
        ["event"] = "chargingNeeds",
        ["chargerId"] = "cp-01",
        ["transactionId"] = "tx-8812",
        ["timestamp"] = "2026-03-09T18:00:00+01:00",
        };
        if (body is not null)
        {
            json["notifyEVChargingNeeds"] = body;
        }

        return json;
    }
}
