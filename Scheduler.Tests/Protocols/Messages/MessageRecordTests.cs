using NodaTime;
using Scheduler.Protocols.Messages;
using Scheduler.Protocols.Ocpp;

namespace Scheduler.Tests.Protocols.Messages;

public sealed class MessageRecordTests
{
    private static readonly Instant Now = Instant.FromUtc(2026, 3, 9, 12, 0);

    [Fact]
    public void DepartureMessage_WithoutSessionOrVehicle_Throws()
    {
        Assert.Throws<ArgumentException>("vehicleId", () => new DepartureMessage("m", "site", null, null, Now, 10));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(500.01)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void DepartureMessage_EnergyOutside0To500_Throws(double energyKwh)
    {
        Assert.Throws<ArgumentOutOfRangeException>("energyKwh", () => new DepartureMessage("m", "site", "s", null, Now, energyKwh));
    }

    [Fact]
    public void DepartureMessage_IdOver128Characters_Throws()
    {
        Assert.Throws<ArgumentException>("id", () => new DepartureMessage(new string('x', 129), "site", "s", null, Now, 10));
    }

    [Fact]
    public void SessionEventMessage_StoppedWithoutMeter_Throws()
    {
        Assert.Throws<ArgumentException>("meterWh", () => new SessionEventMessage("e", "site", SessionEventKind.Stopped, "cp", "tx", Now, null));
    }

    [Fact]
    public void SessionEventMessage_ConnectorZero_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>("connectorId", () => new SessionEventMessage("e", "site", SessionEventKind.Started, "cp", "tx", Now, null, connectorId: 0));
    }

    [Fact]
    public void GridSignalMessage_EventWithoutId_Throws()
    {
        Assert.Throws<ArgumentException>("eventJson", () => new GridSignalMessage("g", "site", """{"eventName":"x"}"""));
    }

    [Fact]
    public void GridSignalMessage_EventNotJson_Throws()
    {
        Assert.Throws<ArgumentException>("eventJson", () => new GridSignalMessage("g", "site", "{id:"));
    }

    [Fact]
    public void DispatchMessage_TxProfileWithoutSession_Throws()
    {
        Assert.Throws<ArgumentException>("sessionId", () => new DispatchMessage("d", "site", "plan", "cp", ChargingProfilePurpose.TxProfile, null));
    }

    [Fact]
    public void PlanRequestMessage_EmptyReason_Throws()
    {
        Assert.Throws<ArgumentException>("reason", () => new PlanRequestMessage("p", "site", Now, string.Empty));
    }
}
