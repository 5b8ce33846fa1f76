using System.Text.Json.Nodes;
using NodaTime;
using Scheduler.Protocols.Messages;
using Scheduler.Protocols.Ocpp;

namespace Scheduler.Tests.Protocols.Messages;

public sealed class EvChargingScheduleEventTests
{
    private const string SchedulePath = "$.notifyEVChargingSchedule";

    private const string Sample = """{"timeBase":"2026-03-09T18:00:00Z","evseId":1,"chargingSchedule":{"id":7,"chargingRateUnit":"W","chargingSchedulePeriod":[{"startPeriod":0,"limit":11040,"numberPhases":3},{"startPeriod":3600,"limit":0}],"salesTariff":{"id":1,"salesTariffEntry":[{"relativeTimeInterval":{"start":0}}]}}}""";

    [Fact]
    public void Read_OfficialSample_IsAcceptedAndReadInAmps()
    {
        var body = JsonNode.Parse(Sample)!;
        Assert.True(OfficialOcppSchemas.AcceptsSchedule(body), "the sample must be a valid NotifyEVChargingScheduleRequest");

        var schedule = MessageAssert.Valid(SessionEventMessageReader.Read(Event(body).ToJsonString())).EvSchedule!;
        var intervals = schedule.Intervals(230);

        Assert.Equal(ChargingRateUnit.W, schedule.RateUnit);
        Assert.Equal(new ProfileInterval(Instant.FromUtc(2026, 3, 9, 18, 0), Instant.FromUtc(2026, 3, 9, 19, 0), 16), intervals[0]);
        Assert.Equal(new ProfileInterval(Instant.FromUtc(2026, 3, 9, 19, 0), null, 0), intervals[1]);
    }

    [Fact]
    public void Read_PeriodsOutOfOrder_IsRefusedAtThePeriod()
    {
        var body = JsonNode.Parse(Sample)!;
        body["chargingSchedule"]!["chargingSchedulePeriod"]![1]!["startPeriod"] = 0;
        Assert.True(OfficialOcppSchemas.AcceptsSchedule(body));

        var read = SessionEventMessageReader.Read(Event(body).ToJsonString());

        MessageAssert.SingleError(read, MessageErrorCodes.EvScheduleOrder, SchedulePath + ".chargingSchedule.chargingSchedulePeriod[1].startPeriod");
    }

    [Fact]
    public void Read_NegativeLimit_IsRefusedAtItsPath()
    {
        var body = JsonNode.Parse(Sample)!;
        body["chargingSchedule"]!["chargingSchedulePeriod"]![0]!["limit"] = -1;

        var read = SessionEventMessageReader.Read(Event(body).ToJsonString());

        Assert.Contains(read.Errors, e => e.Code == MessageErrorCodes.Schema && e.Path == SchedulePath + ".chargingSchedule.chargingSchedulePeriod[0].limit");
    }

    [Fact]
    public void Write_ThenReadStored_GivesTheSameSchedule()
    {
        var schedule = new EvChargingSchedule(1, Instant.FromUtc(2026, 3, 9, 18, 0), Instant.FromUtc(2026, 3, 9, 18, 15), ChargingRateUnit.A, [new(0, 16, 3), new(900, 8)]);

        var back = EvChargingScheduleReader.ReadStored(EvChargingScheduleWriter.Write(schedule));

        Assert.Equal(schedule.Intervals(230), back.Intervals(230));
    }

    internal static JsonObject Event(JsonNode body) => new()
    {
        ["type"] = "session-event",
        ["version"] = 1,
        ["id"] = "evt-schedule-1",
        ["siteId"] = "depot-1",
        ["event"] = "evChargingSchedule",
        ["chargerId"] = "cp-01",
        ["transactionId"] = "tx-8812",
        ["timestamp"] = "2026-03-09T18:00:05+01:00",
        ["notifyEVChargingSchedule"] = body,
    };
}
