using Scheduler.Protocols.Input;

namespace Scheduler.Tests.Protocols.Input;

public sealed class IsoCurrencyTests
{
    [Theory]
    [InlineData("EUR")]
    [InlineData("USD")]
    [InlineData("GBP")]
    [InlineData("SEK")]
    [InlineData("XOF")]
    public void IsKnown_CurrenciesInCirculation_AreKnown(string code)
    {
        Assert.True(IsoCurrency.IsKnown(code));
        Assert.Null(IsoCurrency.Expected(code));
    }

    [Theory]
    [InlineData("€€€")]
    [InlineData("EURO")]
    [InlineData("XYZ")]
    [InlineData("XAU")]
    [InlineData("XXX")]
    [InlineData("")]
    public void Expected_NoCurrency_AsksForAnIsoCode(string code)
    {
        Assert.Equal("expected an ISO 4217 currency code such as EUR, USD or GBP", IsoCurrency.Expected(code));
    }

    [Fact]
    public void Expected_LowerCaseCode_AsksForCapitals()
    {
        Assert.Equal("expected the ISO 4217 code in capitals, \"EUR\"", IsoCurrency.Expected("eur"));
    }
}
