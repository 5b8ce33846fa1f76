using NodaTime;
using Scheduler.Protocols.OpenAdr;

namespace Scheduler.Tests.Protocols.OpenAdr;

public sealed class OpenAdrDurationTests
{
    [Theory]
    [InlineData("PT30M", 30 * 60 * 1000L)]
    [InlineData("PT1H", 3600 * 1000L)]
    [InlineData("P1W", 7 * 86400 * 1000L)]
    [InlineData("P2D", 2 * 86400 * 1000L)]
    [InlineData("P1DT2H3M4S", (86400 + 7200 + 180 + 4) * 1000L)]
    [InlineData("PT0.5S", 500L)]
    [InlineData("PT0S", 0L)]
    public void TryParse_ValidDuration_GivesFixedLength(string text, long expectedMs)
    {
        var ok = OpenAdrDuration.TryParse(text, out var duration, out var error);

        Assert.True(ok, error);
        Assert.Equal(Duration.FromMilliseconds(expectedMs), duration.FixedPart);
        Assert.Equal(0, duration.Years);
    }

    [Fact]
    public void TryParse_FractionalNanoseconds_KeepsThemExactly()
    {
        OpenAdrDuration.TryParse("PT1.000000001S", out var duration, out _);

        Assert.Equal(Duration.FromSeconds(1) + Duration.FromNanoseconds(1), duration.FixedPart);
    }

    [Fact]
    public void TryParse_P9999Y_IsOpenEndedAndAddsWithoutOverflow()
    {
        OpenAdrDuration.TryParse("P9999Y", out var duration, out _);

        Assert.True(duration.IsOpenEnded);
        Assert.Null(duration.AddTo(Instant.FromUtc(9000, 1, 1, 0, 0)));
    }

    [Fact]
    public void TryParse_Negative_IsRejected()
    {
        var ok = OpenAdrDuration.TryParse("-PT1H", out _, out var error);

        Assert.False(ok);
        Assert.Contains("negative", error, StringComparison.Ordinal);
    }

    [Fact]
    public void TryParse_Months_IsRejectedWithReason()
    {
        var ok = OpenAdrDuration.TryParse("P1M", out _, out var error);

        Assert.False(ok);
        Assert.Contains("months", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("P")]
    [InlineData("PT")]
    [InlineData("1H")]
    [InlineData("PT1.5H")]
    [InlineData("P1D2W")]
    [InlineData("PT99999999999H")]
    public void TryParse_Malformed_IsRejected(string text)
    {
        var ok = OpenAdrDuration.TryParse(text, out _, out var error);

        Assert.False(ok);
        Assert.NotNull(error);
    }

    [Fact]
    public void AddTo_Years_AddsCalendarYearsInUtc()
    {
        OpenAdrDuration.TryParse("P1Y", out var duration, out _);

        var end = duration.AddTo(Instant.FromUtc(2024, 2, 29, 0, 0));

        Assert.Equal(Instant.FromUtc(2025, 2, 28, 0, 0), end);
    }
}
