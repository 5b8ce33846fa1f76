using NodaTime;
using Scheduler.Protocols.Tariffs;

namespace Scheduler.Tests.Protocols.Tariffs;

public class EntsoeReaderTests
{
    private static readonly Duration Quarter = Duration.FromMinutes(15);
    private static readonly Duration Hour = Duration.FromHours(1);

    [Fact]
    public void Read_Belgium60M_Gives24HourlyPricesPerKwh()
    {
        var result = EntsoeReader.Read(TariffSamples.Text("entsoe/hass-entso-e_BE_60M.xml"));

        Assert.Empty(result.Errors);
        Assert.Equal("EUR", result.Currency);
        Assert.Equal(24, result.Prices.Count);
        Assert.All(result.Prices, p => Assert.Equal(Hour, p.End - p.Start));
        Assert.Equal(Instant.FromUtc(2024, 10, 7, 22, 0), result.Prices[0].Start);
        Assert.Equal(0.06498, result.Prices[0].PerKwh, 12);
        Assert.Equal(0.04705, result.Prices.Min(p => p.PerKwh), 12);
        Assert.Equal(0.11547, result.Prices.Max(p => p.PerKwh), 12);
        Assert.Empty(TariffSlots.FindGaps(result.Prices, Instant.FromUtc(2024, 10, 7, 22, 0), Instant.FromUtc(2024, 10, 8, 22, 0)));
    }

    [Fact]
    public void Read_Overlap_PrefersQuarterHoursOverHours()
    {
        var result = EntsoeReader.Read(TariffSamples.Text("entsoe/hass-entso-e_DE_60M_15M_overlap.xml"));

        Assert.Empty(result.Errors);
        Assert.Equal(192, result.Prices.Count);
        Assert.All(result.Prices, p => Assert.Equal(Quarter, p.End - p.Start));
        Assert.Empty(TariffSlots.FindGaps(result.Prices, Instant.FromUtc(2024, 10, 5, 22, 0), Instant.FromUtc(2024, 10, 7, 22, 0)));
    }

    [Fact]
    public void Read_Overlap_KeepsNegativePrices()
    {
        var result = EntsoeReader.Read(TariffSamples.Text("entsoe/hass-entso-e_DE_60M_15M_overlap.xml"));

        Assert.Equal(-0.02991, result.Prices.Min(p => p.PerKwh), 12);
    }

    [Fact]
    public void Read_A03OmittedPosition_RepeatsPreviousPrice()
    {
        var result = EntsoeReader.Read(TariffSamples.Text("entsoe/hass-entso-e_DE_60M_15M_overlap.xml"));

        // Position 23 of the first PT15M period (2024-10-06 03:30Z) is left out; position 22 is 68.20 €/MWh.
        var position22 = result.Prices.Single(p => p.Start == Instant.FromUtc(2024, 10, 6, 3, 15));
        var position23 = result.Prices.Single(p => p.Start == Instant.FromUtc(2024, 10, 6, 3, 30));
        Assert.Equal(0.0682, position22.PerKwh, 12);
        Assert.Equal(0.0682, position23.PerKwh, 12);
    }

    [Fact]
    public void Read_Mix_FillsOmittedQuarterHoursAndKeepsHourlyDay()
    {
        var result = EntsoeReader.Read(TariffSamples.Text("entsoe/hass-entso-e_BE_60M_15M_mix.xml"));

        Assert.Empty(result.Errors);
        Assert.Equal(96 + 96 + 24, result.Prices.Count);
        Assert.Equal(192, result.Prices.Count(p => p.End - p.Start == Quarter));
        Assert.Equal(24, result.Prices.Count(p => p.End - p.Start == Hour));
        Assert.All(result.Prices.Take(4), p => Assert.Equal(0.05535, p.PerKwh, 12));
        Assert.Equal(-0.00001, result.Prices.Min(p => p.PerKwh), 12);
        Assert.Empty(TariffSlots.FindGaps(result.Prices, Instant.FromUtc(2024, 10, 5, 22, 0), Instant.FromUtc(2024, 10, 8, 22, 0)));
    }

    [Fact]
    public void Read_BadPrice_NamesElementAndLine()
    {
        var xml = TariffSamples.Text("entsoe/hass-entso-e_BE_60M.xml").Replace("<price.amount>64.98</price.amount>", "<price.amount>64,98</price.amount>", StringComparison.Ordinal);

        var result = EntsoeReader.Read(xml);

        var error = Assert.Single(result.Errors);
        Assert.Equal("line 33 /Publication_MarketDocument/TimeSeries/Period/Point[1]/price.amount", error.Location);
        Assert.Contains("expected a decimal number", error.Message, StringComparison.Ordinal);
        Assert.Empty(result.Prices);
    }

    [Fact]
    public void Read_NotXml_NamesLine()
    {
        var result = EntsoeReader.Read("<Publication_MarketDocument>\n<TimeSeries>\n</Publication_MarketDocument>");

        var error = Assert.Single(result.Errors);
        Assert.StartsWith("line 3", error.Location, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_A01MissingPosition_IsAnError()
    {
        var xml = TariffSamples.Text("entsoe/hass-entso-e_DE_60M_15M_overlap.xml").Replace("<curveType>A03</curveType>", "<curveType>A01</curveType>", StringComparison.Ordinal);

        var result = EntsoeReader.Read(xml);

        Assert.Contains(result.Errors, e => e.Location.EndsWith("/TimeSeries[1]/Period[1]", StringComparison.Ordinal) && e.Message.Contains("no price for position 15", StringComparison.Ordinal));
        Assert.Empty(result.Prices);
    }

    [Fact]
    public void Read_DuplicatePosition_IsAnError()
    {
        var xml = TariffSamples.Text("entsoe/hass-entso-e_BE_60M.xml").Replace("<position>2</position>", "<position>1</position>", StringComparison.Ordinal);

        var result = EntsoeReader.Read(xml);

        var error = Assert.Single(result.Errors);
        Assert.Equal("line 36 /Publication_MarketDocument/TimeSeries/Period/Point[2]/position", error.Location);
    }

    [Fact]
    public void Read_HourPartlyCoveredByQuarterHours_KeepsTheUncoveredPart()
    {
        const string Xml = """
            <Publication_MarketDocument xmlns="urn:iec62325.351:tc57wg16:451-3:publicationdocument:7:0">
              <TimeSeries><currency_Unit.name>EUR</currency_Unit.name><price_Measure_Unit.name>MWH</price_Measure_Unit.name><curveType>A03</curveType>
                <Period><timeInterval><start>2024-10-07T22:00Z</start><end>2024-10-08T00:00Z</end></timeInterval><resolution>PT60M</resolution>
                  <Point><position>1</position><price.amount>100</price.amount></Point>
                  <Point><position>2</position><price.amount>-20</price.amount></Point>
                </Period>
              </TimeSeries>
              <TimeSeries><currency_Unit.name>EUR</currency_Unit.name><price_Measure_Unit.name>MWH</price_Measure_Unit.name><curveType>A03</curveType>
                <Period><timeInterval><start>2024-10-07T22:00Z</start><end>2024-10-07T22:30Z</end></timeInterval><resolution>PT15M</resolution>
                  <Point><position>1</position><price.amount>50</price.amount></Point>
                </Period>
              </TimeSeries>
            </Publication_MarketDocument>
            """;

        var result = EntsoeReader.Read(Xml);

        Assert.Empty(result.Errors);
        Assert.Equal(
            [(Instant.FromUtc(2024, 10, 7, 22, 0), 0.05), (Instant.FromUtc(2024, 10, 7, 22, 15), 0.05), (Instant.FromUtc(2024, 10, 7, 22, 30), 0.1), (Instant.FromUtc(2024, 10, 7, 23, 0), -0.02)],
            result.Prices.Select(p => (p.Start, p.PerKwh)));
        Assert.Empty(TariffSlots.FindGaps(result.Prices, Instant.FromUtc(2024, 10, 7, 22, 0), Instant.FromUtc(2024, 10, 8, 0, 0)));
    }

    [Fact]
    public void Read_Stream_SameAsText()
    {
        using var stream = File.OpenRead(TariffSamples.PathOf("entsoe/hass-entso-e_BE_60M.xml"));

        var result = EntsoeReader.Read(stream);

        Assert.Equal(24, result.Prices.Count);
    }

    [Fact]
    public void Read_OtherRootElement_IsAnError()
    {
        var result = EntsoeReader.Read("<Acknowledgement_MarketDocument><Reason><code>999</code></Reason></Acknowledgement_MarketDocument>");

        var error = Assert.Single(result.Errors);
        Assert.Equal("line 1 /Acknowledgement_MarketDocument", error.Location);
    }

    [Fact]
    public void Read_Dtd_IsRefused()
    {
        var result = EntsoeReader.Read("<!DOCTYPE Publication_MarketDocument [<!ENTITY a \"b\">]>\n<Publication_MarketDocument>&a;</Publication_MarketDocument>");

        Assert.Contains("DTD", Assert.Single(result.Errors).Message, StringComparison.Ordinal);
        Assert.Empty(result.Prices);
    }

    private const string Belgium = "entsoe/hass-entso-e_BE_60M.xml";

    [Fact]
    public void Read_ForeignNamespace_IsRefusedAtTheRoot()
    {
        var xml = TariffSamples.Text(Belgium).Replace("urn:iec62325.351:tc57wg16:451-3:publicationdocument:7:3", "urn:example:prices", StringComparison.Ordinal);

        var error = Assert.Single(EntsoeReader.Read(xml).Errors);

        Assert.Equal("line 2 /Publication_MarketDocument", error.Location);
        Assert.StartsWith("is in the namespace \"urn:example:prices\": expected an IEC 62325-451-3 publication document", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_ElementsOfAnotherNamespace_AreNotRead()
    {
        var xml = TariffSamples.Text(Belgium).Replace("<TimeSeries>", "<TimeSeries xmlns=\"urn:example:other\">", StringComparison.Ordinal);

        var error = Assert.Single(EntsoeReader.Read(xml).Errors);

        Assert.Equal("has no <TimeSeries>: expected at least one", error.Message);
    }

    [Fact]
    public void Read_Nested30000Deep_IsRefusedAtTheFirstElementTooDeep()
    {
        var xml = TariffSamples.Text(Belgium).Replace("<revisionNumber>1</revisionNumber>", "<revisionNumber>1</revisionNumber>" + string.Concat(Enumerable.Repeat("<a>", 30_000)) + string.Concat(Enumerable.Repeat("</a>", 30_000)), StringComparison.Ordinal);

        var error = Assert.Single(EntsoeReader.Read(xml).Errors);

        Assert.StartsWith("line 4, column ", error.Location, StringComparison.Ordinal);
        Assert.Equal("is an element 33 deep: expected at most 32 (a price document nests 5 deep)", error.Message);
    }

    [Fact]
    public void Read_MoreElementsThanADocumentHolds_IsRefusedBeforeLoading()
    {
        var xml = TariffSamples.Text(Belgium).Replace("<revisionNumber>1</revisionNumber>", "<revisionNumber>1</revisionNumber>" + string.Concat(Enumerable.Repeat("<a/>", Scheduler.Protocols.Input.InputLimits.MaxXmlElements)), StringComparison.Ordinal);

        var error = Assert.Single(EntsoeReader.Read(xml).Errors);

        Assert.Equal("is element 500,001: expected at most 500,000 in one document", error.Message);
    }

    [Fact]
    public void Read_PeriodOfMoreStepsThanADocumentHolds_IsRefusedBeforeItsPositionsAreLaidOut()
    {
        var xml = TariffSamples.Text(Belgium)
            .Replace("<resolution>PT60M</resolution>", "<resolution>PT1M</resolution>", StringComparison.Ordinal)
            .Replace("<end>2024-10-08T22:00Z</end>\n            </timeInterval>", "<end>2034-10-08T22:00Z</end>\n            </timeInterval>", StringComparison.Ordinal);

        var error = Assert.Single(EntsoeReader.Read(xml).Errors);

        Assert.Contains("/TimeSeries/Period/timeInterval", error.Location, StringComparison.Ordinal);
        Assert.StartsWith("runs from 2024-10-07T22:00:00Z to 2034-10-08T22:00:00Z, 5,260,320 steps of 0:00:01:00", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_PeriodFarFromTheDocumentsPeriod_IsRefused()
    {
        var xml = TariffSamples.Text(Belgium)
            .Replace("<start>2024-10-07T22:00Z</start>\n              <end>2024-10-08T22:00Z</end>", "<start>2025-10-07T22:00Z</start>\n              <end>2025-10-08T22:00Z</end>", StringComparison.Ordinal);

        var result = EntsoeReader.Read(xml);

        Assert.NotEmpty(result.Errors);
        Assert.All(result.Errors, e => Assert.Contains("more than 7 days outside the document's own period 2024-10-07T22:00:00Z to 2024-10-08T22:00:00Z", e.Message, StringComparison.Ordinal));
    }

    [Fact]
    public void Read_TwoSeriesThatPriceTheSameHourDifferently_IsAnError()
    {
        var xml = TariffSamples.Text(Belgium);
        var series = xml[xml.IndexOf("<TimeSeries>", StringComparison.Ordinal)..(xml.IndexOf("</TimeSeries>", StringComparison.Ordinal) + "</TimeSeries>".Length)];
        var other = series.Replace("<price.amount>64.98</price.amount>", "<price.amount>99.99</price.amount>", StringComparison.Ordinal);

        var result = EntsoeReader.Read(xml.Replace(series, series + other, StringComparison.Ordinal));

        var error = Assert.Single(result.Errors);
        Assert.Contains("TimeSeries[2]/Period position 1", error.Location, StringComparison.Ordinal);
        Assert.Contains("at 99.99 per MWh, but", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_Acknowledgement_SaysWhatThePlatformSaid()
    {
        var xml = """
            <?xml version="1.0" encoding="UTF-8"?>
            <Acknowledgement_MarketDocument xmlns="urn:iec62325.351:tc57wg16:451-1:acknowledgementdocument:7:0">
              <mRID>1</mRID>
              <Reason><code>999</code><text>No matching data found for Data item Day-ahead Prices</text></Reason>
            </Acknowledgement_MarketDocument>
            """;

        var error = Assert.Single(EntsoeReader.Read(xml).Errors);

        Assert.Equal("is <Acknowledgement_MarketDocument> (the platform says: \"No matching data found for Data item Day-ahead Prices\"): expected <Publication_MarketDocument>", error.Message);
    }
}
