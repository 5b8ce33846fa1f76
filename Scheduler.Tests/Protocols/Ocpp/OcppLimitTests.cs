using Scheduler.Protocols.Ocpp;

namespace Scheduler.Tests.Protocols.Ocpp;

public sealed class OcppLimitTests
{
    [Theory]
    [InlineData(8.1, "8.1")]
    [InlineData(6.25, "6.2")]
    [InlineData(7.3, "7.3")]
    [InlineData(15.95, "15.9")]
    [InlineData(8.1 - 1e-9, "8.1")]
    [InlineData(8.1 + 1e-9, "8.1")]
    [InlineData(16, "16")]
    [InlineData(0.04, "0")]
    [InlineData(-3, "0")]
    public void RoundDown_Value_TenthBelowOrEqual(double value, string expected)
    {
        var rounded = OcppLimit.RoundDown(value);

        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), rounded);
    }
}
