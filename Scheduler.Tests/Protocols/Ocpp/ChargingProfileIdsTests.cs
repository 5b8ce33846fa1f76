using Scheduler.Protocols.Ocpp;

namespace Scheduler.Tests.Protocols.Ocpp;

public sealed class ChargingProfileIdsTests
{
    [Fact]
    public void For_SameChargerAndPurpose_SameIdEveryTime()
    {
        var first = ChargingProfileIds.For("cp-01", ChargingProfilePurpose.TxProfile);

        var second = ChargingProfileIds.For("cp-01", ChargingProfilePurpose.TxProfile);

        Assert.Equal(first, second);
    }

    [Fact]
    public void For_TwoPurposesOnOneCharger_DifferentPositiveIds()
    {
        var tx = ChargingProfileIds.For("cp-01", ChargingProfilePurpose.TxProfile);

        var txDefault = ChargingProfileIds.For("cp-01", ChargingProfilePurpose.TxDefaultProfile);

        Assert.NotEqual(tx, txDefault);
        Assert.InRange(tx, 1, 999_999_999);
        Assert.InRange(txDefault, 1, 999_999_999);
    }
}
