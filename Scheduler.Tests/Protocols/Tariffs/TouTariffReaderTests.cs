using NodaTime;
using Scheduler.Protocols.Tariffs;

namespace Scheduler.Tests.Protocols.Tariffs;

public class TouTariffReaderTests
{
    private const string Ev8 = "tou-acnportal/sce_tou_ev_8_june_2019.json";
    private const string Ev4 = "tou-acnportal/sce_tou_ev_4_march_2019.json";
    private const string PgeA10 = "tou-acnportal/pge_a10_tou_aug_2019.json";

    private static readonly DateTimeZone LosAngeles = DateTimeZoneProviders.Tzdb["America/Los_Angeles"];

    private static TariffReadResult ReadDays(string file, LocalDate first, LocalDate last) =>
        TouTariffReader.Read(TariffSamples.Text(file), LosAngeles, new DateInterval(first, last));

    private static Instant StartOf(LocalDate date) => LosAngeles.AtStartOfDay(date).ToInstant();

    [Fact]
    public void Read_SummerWeekday_PeakIsFourToNinePmLocal()
    {
        var day = new LocalDate(2019, 7, 1);

        var result = ReadDays(Ev8, day, day);

        Assert.Empty(result.Errors);
        Assert.Equal("USD", result.Currency);
        Assert.Equal(3, result.Prices.Count);
        var peak = result.Prices[1];
        Assert.Equal(Instant.FromUtc(2019, 7, 1, 23, 0), peak.Start);
        Assert.Equal(Instant.FromUtc(2019, 7, 2, 4, 0), peak.End);
        Assert.Equal(0.49619, peak.PerKwh, 12);
    }

    [Fact]
    public void Read_SummerWeekend_UsesWeekendBlock()
    {
        var saturday = new LocalDate(2019, 7, 6);

        var result = ReadDays(Ev8, saturday, saturday);

        Assert.Equal(0.25563, result.Prices[1].PerKwh, 12);
    }

    [Fact]
    public void Read_AutumnDstDay_Has25HoursAndLongerFirstSegment()
    {
        var day = new LocalDate(2019, 11, 3);

        var result = ReadDays(Ev8, day, day);

        Assert.Equal(4, result.Prices.Count);
        Assert.Equal(Duration.FromHours(9), result.Prices[0].End - result.Prices[0].Start);
        Assert.Equal(Duration.FromHours(25), result.Prices[^1].End - result.Prices[0].Start);
        Assert.Empty(TariffSlots.FindGaps(result.Prices, StartOf(day), StartOf(day.PlusDays(1))));
    }

    [Fact]
    public void Read_SpringDstDay_Has23HoursAndShorterFirstSegment()
    {
        var day = new LocalDate(2019, 3, 10);

        var result = ReadDays(Ev8, day, day);

        Assert.Equal(Duration.FromHours(7), result.Prices[0].End - result.Prices[0].Start);
        Assert.Equal(Duration.FromHours(23), result.Prices[^1].End - result.Prices[0].Start);
        Assert.Equal(Instant.FromUtc(2019, 3, 10, 15, 0), result.Prices[1].Start);
    }

    [Fact]
    public void Read_WholeYear_CoversEveryInstant()
    {
        var result = ReadDays(Ev4, new LocalDate(2019, 1, 1), new LocalDate(2019, 12, 31));

        Assert.Empty(result.Errors);
        Assert.Equal((261 * 5) + 104, result.Prices.Count);
        Assert.Empty(TariffSlots.FindGaps(result.Prices, StartOf(new LocalDate(2019, 1, 1)), StartOf(new LocalDate(2020, 1, 1))));
        Assert.Equal(12, result.DemandCharges.Count);
        Assert.All(result.DemandCharges, c => Assert.Equal(15.51, c.PerKw, 12));
    }

    [Fact]
    public void Read_FractionalHours_StartAtHalfPast()
    {
        var monday = new LocalDate(2019, 7, 1);

        var result = ReadDays(PgeA10, monday, monday);

        Assert.Equal(5, result.Prices.Count);
        Assert.Equal(Instant.FromUtc(2019, 7, 1, 15, 30), result.Prices[1].Start);
        Assert.Equal(0.1771, result.Prices[1].PerKwh, 12);
        Assert.Equal(19.99, Assert.Single(result.DemandCharges).PerKw, 12);
    }

    [Fact]
    public void Read_WinterOnly_UsesWinterDemandCharge()
    {
        var result = ReadDays(PgeA10, new LocalDate(2019, 1, 7), new LocalDate(2019, 1, 13));

        Assert.Equal(11.66, Assert.Single(result.DemandCharges).PerKw, 12);
    }

    [Fact]
    public void Read_DatesAcrossTwoMonths_OneDemandChargePerBillingMonthOverItsDates()
    {
        // PG&E A-10: winter (11.66 per kW) until 30 April, summer (19.99 per kW) from 1 May.
        var result = ReadDays(PgeA10, new LocalDate(2019, 4, 29), new LocalDate(2019, 5, 2));

        Assert.Empty(result.Errors);
        Assert.Equal(["demand-2019-04", "demand-2019-05"], result.DemandCharges.Select(c => c.Id));
        var (april, may) = (result.DemandCharges[0], result.DemandCharges[1]);
        Assert.Equal((11.66, 0.0), (april.PerKw, april.PeakSoFarKw));
        Assert.Equal([new Interval(StartOf(new LocalDate(2019, 4, 29)), StartOf(new LocalDate(2019, 5, 1)))], april.Intervals);
        Assert.Equal(19.99, may.PerKw);
        Assert.Equal([new Interval(StartOf(new LocalDate(2019, 5, 1)), StartOf(new LocalDate(2019, 5, 3)))], may.Intervals);
    }

    [Fact]
    public void Read_MonthWithTheAutumnChange_ChargeCoversTheMonthsLocalDays()
    {
        // November 2019 in Los Angeles has a 25-hour day (the 3rd): the month is 30 days and one hour long.
        var result = ReadDays(PgeA10, new LocalDate(2019, 11, 1), new LocalDate(2019, 11, 30));

        var interval = Assert.Single(Assert.Single(result.DemandCharges).Intervals);
        Assert.Equal(Instant.FromUtc(2019, 11, 1, 7, 0), interval.Start);
        Assert.Equal(Instant.FromUtc(2019, 12, 1, 8, 0), interval.End);
    }

    [Fact]
    public void Read_NoDemandCharge_HasNoCharges()
    {
        var result = ReadDays(Ev8, new LocalDate(2019, 5, 30), new LocalDate(2019, 6, 2));

        Assert.Empty(result.Errors);
        Assert.Empty(result.DemandCharges);
    }

    [Fact]
    public void Read_BlocksWithDifferentDemandChargesInOneMonth_IsAnErrorNamingTheMonth()
    {
        // Summer starting on 15 June would put two demand charges into June.
        var json = TariffSamples.Text(PgeA10)
            .Replace("\"effective_start\": \"05-01\"", "\"effective_start\": \"06-15\"", StringComparison.Ordinal)
            .Replace("\"effective_end\": \"4-30\"", "\"effective_end\": \"6-14\"", StringComparison.Ordinal);

        var result = TouTariffReader.Read(json, LosAngeles, new DateInterval(new LocalDate(2019, 6, 10), new LocalDate(2019, 6, 20)));

        var error = Assert.Single(result.Errors);
        Assert.Equal("$.schedule", error.Location);
        Assert.Contains("2019-06", error.Message, StringComparison.Ordinal);
        Assert.Empty(result.Prices);
        Assert.Empty(result.DemandCharges);
    }

    [Fact]
    public void Read_BoundaryInRepeatedHour_TakesFirstOccurrence()
    {
        const string Json = """{"schedule":[{"id":"x","effective_start":"01-01","effective_end":"12-31","dow_mask":"ALL","times":[0,1.5],"tariffs":[0.1,0.2],"demand_charge":0}]}""";
        var day = new LocalDate(2019, 11, 3);

        var result = TouTariffReader.Read(Json, LosAngeles, new DateInterval(day, day));

        Assert.Equal(Instant.FromUtc(2019, 11, 3, 8, 30), result.Prices[1].Start);
        Assert.Equal(Duration.FromHours(23.5), result.Prices[1].End - result.Prices[1].Start);
    }

    [Fact]
    public void Read_BoundaryInSkippedHour_MovesForward()
    {
        const string Json = """{"schedule":[{"id":"x","effective_start":"01-01","effective_end":"12-31","dow_mask":"ALL","times":[0,2.5],"tariffs":[0.1,0.2],"demand_charge":0}]}""";
        var day = new LocalDate(2019, 3, 10);

        var result = TouTariffReader.Read(Json, LosAngeles, new DateInterval(day, day));

        Assert.Equal(Instant.FromUtc(2019, 3, 10, 10, 30), result.Prices[1].Start);
        Assert.Empty(TariffSlots.FindGaps(result.Prices, StartOf(day), StartOf(day.PlusDays(1))));
    }

    [Fact]
    public void Read_BadDayMask_NamesJsonPath()
    {
        var json = TariffSamples.Text(Ev8).Replace("\"WEEKENDS\"", "\"SATURDAYS\"", StringComparison.Ordinal);

        var result = ReadDays(Ev8, new LocalDate(2019, 7, 1), new LocalDate(2019, 7, 1));
        var bad = TouTariffReader.Read(json, LosAngeles, new DateInterval(new LocalDate(2019, 7, 1), new LocalDate(2019, 7, 1)));

        Assert.Empty(result.Errors);
        var error = Assert.Single(bad.Errors);
        Assert.Equal("$.schedule[1].dow_mask", error.Location);
        Assert.Empty(bad.Prices);
    }

    [Fact]
    public void Read_TariffCountMismatch_NamesJsonPath()
    {
        var json = TariffSamples.Text(Ev8).Replace("[0.13568, 0.07724, 0.297, 0.13568]", "[0.13568, 0.07724, 0.297]", StringComparison.Ordinal);

        var result = TouTariffReader.Read(json, LosAngeles, new DateInterval(new LocalDate(2019, 7, 1), new LocalDate(2019, 7, 1)));

        Assert.Equal("$.schedule[2].tariffs", Assert.Single(result.Errors).Location);
    }

    [Fact]
    public void Read_DayWithoutBlock_IsReportedNotPricedAtZero()
    {
        var json = TariffSamples.Text(Ev8).Replace("\"effective_end\": \"5-31\"", "\"effective_end\": \"5-30\"", StringComparison.Ordinal);

        var result = TouTariffReader.Read(json, LosAngeles, new DateInterval(new LocalDate(2019, 5, 29), new LocalDate(2019, 6, 2)));

        var error = Assert.Single(result.Errors);
        Assert.Equal("$.schedule", error.Location);
        Assert.Contains("2019-05-31", error.Message, StringComparison.Ordinal);
        Assert.Empty(result.Prices);
    }

    [Fact]
    public void Read_MoreDatesThanATariffIsLaidOutOver_IsRefusedBeforeExpanding()
    {
        var result = ReadDays(Ev8, new LocalDate(2026, 1, 1), new LocalDate(3020, 12, 31));

        var error = Assert.Single(result.Errors);
        Assert.Equal("dates", error.Location);
        Assert.StartsWith("run from 2026-01-01 to 3020-12-31, 363,416 days: expected at most 370 days", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_DatesOutsideTheYearsRead_AreRefused()
    {
        var result = ReadDays(Ev8, new LocalDate(1, 1, 1), new LocalDate(1, 1, 2));

        Assert.Equal("run from 0001-01-01 to 0001-01-02: expected dates in the years 1900 to 9000", Assert.Single(result.Errors).Message);
    }

    [Fact]
    public void Read_PriceBeyondADecimal_IsRefusedAtItsPath()
    {
        var firstPrice = new System.Text.RegularExpressions.Regex(@"""tariffs""\s*:\s*\[\s*[0-9.]+", System.Text.RegularExpressions.RegexOptions.None, TimeSpan.FromSeconds(1));
        var json = firstPrice.Replace(TariffSamples.Text(Ev8), "\"tariffs\": [1e309", 1);

        var result = TouTariffReader.Read(json, LosAngeles, new DateInterval(new LocalDate(2019, 7, 1), new LocalDate(2019, 7, 1)));

        var error = Assert.Single(result.Errors);
        Assert.Equal("$.schedule[0].tariffs[0]", error.Location);
        Assert.StartsWith("found 1e309, expected a number between", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_MoreSegmentsThanMinutesInADay_IsRefusedBeforeTheyAreRead()
    {
        var times = string.Join(',', Enumerable.Range(0, 2000).Select(i => (i * 0.01).ToString(System.Globalization.CultureInfo.InvariantCulture)));
        var json = "{\"schedule\":[{\"id\":\"x\",\"effective_start\":\"01-01\",\"effective_end\":\"12-31\",\"dow_mask\":\"ALL\",\"times\":[" + times + "],\"tariffs\":[0.1],\"demand_charge\":0}]}";

        var result = TouTariffReader.Read(json, LosAngeles, new DateInterval(new LocalDate(2019, 7, 1), new LocalDate(2019, 7, 1)));

        Assert.Contains(result.Errors, e => e.Location == "$.schedule[0].times" && e.Message == "has 2,000 entries: expected at most 1,440, one a minute");
    }

    [Fact]
    public void Read_CurrencyThatIsNoIsoCode_IsRefused()
    {
        var result = TouTariffReader.Read(TariffSamples.Text(Ev8), LosAngeles, new DateInterval(new LocalDate(2019, 7, 1), new LocalDate(2019, 7, 1)), "$$$");

        Assert.Equal("currency", Assert.Single(result.Errors).Location);
    }
}
