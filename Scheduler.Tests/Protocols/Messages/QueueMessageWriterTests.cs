using CsCheck;
using NodaTime;
using Scheduler.Protocols.Messages;
using Scheduler.Protocols.Ocpp;

namespace Scheduler.Tests.Protocols.Messages;

public sealed class QueueMessageWriterTests
{
    private static readonly Instant Now = Instant.FromUtc(2026, 3, 9, 12, 0);

    [Fact]
    public void Write_Departure_IsCompactWithUtcInstants()
    {
        var message = new DepartureMessage("m-1", "depot-1", "s-1", null, Instant.FromUtc(2026, 3, 10, 6, 30), 30.5);

        var json = QueueMessageWriter.Write(message);

        Assert.Equal("""{"type":"departure","version":1,"id":"m-1","siteId":"depot-1","sessionId":"s-1","departure":"2026-03-10T06:30:00Z","energyKwh":30.5}""", json);
    }

    [Fact]
    public void Write_Departure_RoundTripsThroughTheReader()
    {
        var message = new DepartureMessage("m-1", "dépôt-1", "s-1", "v-7", Instant.FromUtc(2026, 3, 10, 6, 30, 15) + Duration.FromTicks(1234567), 1.0 / 3, Now - Duration.FromSeconds(1));

        var read = MessageAssert.Valid(DepartureMessageReader.Read(QueueMessageWriter.Write(message), Now));

        Assert.Equal(message, read);
    }

    [Fact]
    public void Write_AnyDepartureEnergy_RoundTripsExactly()
    {
        Gen.Double[1e-9, DepartureMessage.MaxEnergyKwh].Sample(energyKwh =>
        {
            var message = new DepartureMessage("m-1", "depot-1", null, "v-7", Now + Duration.FromHours(5), energyKwh);

            var read = DepartureMessageReader.Read(QueueMessageWriter.Write(message), Now).Message;

            return message.Equals(read);
        });
    }

    [Theory]
    [InlineData(SessionEventKind.Started, null, null, null)]
    [InlineData(SessionEventKind.MeterValues, 98765.25, 7400.5, "v-7")]
    [InlineData(SessionEventKind.Stopped, 100000.0, null, null)]
    public void Write_SessionEvent_RoundTripsThroughTheReader(SessionEventKind kind, double? meterWh, double? powerW, string? vehicleId)
    {
        var message = new SessionEventMessage("e-1", "depot-1", kind, "cp-01", "tx-8812", Now, meterWh, connectorId: 2, vehicleId, powerW);

        var read = MessageAssert.Valid(SessionEventMessageReader.Read(QueueMessageWriter.Write(message)));

        Assert.Equal(message, read);
    }

    [Fact]
    public void Write_SessionEvent_WritesTheWireNameOfTheKind()
    {
        var message = new SessionEventMessage("e-1", "depot-1", SessionEventKind.MeterValues, "cp-01", "tx-8812", Now, 5);

        Assert.Contains("\"event\":\"meterValues\"", QueueMessageWriter.Write(message), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Write_GridSignal_RoundTripsThroughTheReader(bool deleted)
    {
        var message = new GridSignalMessage("g-1", "depot-1", """{ "id": "evt-7", "intervals": [ { "id": 0 } ] }""", deleted);

        var read = MessageAssert.Valid(GridSignalMessageReader.Read(QueueMessageWriter.Write(message)));

        Assert.Equal(message, read);
    }

    [Fact]
    public void Write_PlanRequest_RoundTripsThroughTheReader()
    {
        var message = new PlanRequestMessage("p-1", "depot-1", Now, "dispatch-rejected");

        var read = MessageAssert.Valid(PlanRequestMessageReader.Read(QueueMessageWriter.Write(message)));

        Assert.Equal(message, read);
    }

    [Theory]
    [InlineData(ChargingProfilePurpose.TxProfile, "s-1")]
    [InlineData(ChargingProfilePurpose.TxDefaultProfile, null)]
    public void Write_Dispatch_RoundTripsThroughTheReader(ChargingProfilePurpose purpose, string? sessionId)
    {
        var message = new DispatchMessage("d-1", "depot-1", "plan-9", "cp-01", purpose, sessionId);

        var read = MessageAssert.Valid(DispatchMessageReader.Read(QueueMessageWriter.Write(message)));

        Assert.Equal(message, read);
    }

    [Fact]
    public void Write_AnyMessage_HasAnEnvelopeTheEnvelopeReaderReads()
    {
        var json = QueueMessageWriter.Write(new PlanRequestMessage("p-1", "depot-1", Now, "timer"));

        var envelope = MessageAssert.Valid(MessageEnvelopeReader.Read(json));

        Assert.Equal(new MessageEnvelope(MessageTypes.PlanRequest, MessageTypes.CurrentVersion, "p-1"), envelope);
    }
}
