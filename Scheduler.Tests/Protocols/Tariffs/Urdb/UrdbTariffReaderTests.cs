using NodaTime;
using Scheduler.Optimizer.Model;
using Scheduler.Protocols.Tariffs;
using Scheduler.Protocols.Tariffs.Urdb;

namespace Scheduler.Tests.Protocols.Tariffs.Urdb;

/// <summary>Real URDB rates resolved against hours picked by hand from their schedules.</summary>
/// <remarks>
/// SCE TOU-8 Option D: energy rate + adj per kWh is 0.11343 in summer (June to September) off-peak, 0.15186 on
/// summer weekdays 16:00–21:00 and 0.14199 on summer weekends then; in winter 0.08973 from 08:00 to 16:00, 0.12428
/// from 16:00 to 21:00 and 0.12331 otherwise. Demand: a facility charge of 25.36 per kW every month; 29.54 per kW on
/// summer weekdays 16:00–21:00 (period 2) and 8.83 on every winter day 16:00–21:00 (period 1).
/// </remarks>
public sealed class UrdbTariffReaderTests
{
    private const string Tou8D = "urdb/sce_tou-8_option-d_under-2kv.json";

    private static readonly DateTimeZone LosAngeles = DateTimeZoneProviders.Tzdb["America/Los_Angeles"];

    [Fact]
    public void Read_Tou8DJuly_WeekdayFivePmIsOnPeakInItsDemandPeriod()
    {
        var result = ReadJuly();

        var monday5pm = Local(2025, 7, 7, 17);
        Assert.Equal(0.15186, PriceAt(result, monday5pm), 12);
        var onPeak = Charge(result, "tou-period-2-2025-07");
        Assert.Equal(29.54, onPeak.PerKw);
        Assert.True(onPeak.Covers(monday5pm, monday5pm + Duration.FromMinutes(15)));
        Assert.False(onPeak.Covers(Local(2025, 7, 7, 21), Local(2025, 7, 7, 21) + Duration.FromMinutes(15)));
        Assert.Equal(0.11343, PriceAt(result, Local(2025, 7, 7, 3)), 12);
    }

    [Fact]
    public void Read_Tou8DJuly_WeekendFivePmIsTheWeekendPriceAndNoOnPeakDemand()
    {
        var result = ReadJuly();

        var saturday5pm = Local(2025, 7, 12, 17);
        Assert.Equal(0.14199, PriceAt(result, saturday5pm), 12);
        Assert.False(Charge(result, "tou-period-2-2025-07").Covers(saturday5pm, saturday5pm + Duration.FromMinutes(15)));
    }

    [Fact]
    public void Read_Tou8DJuly_OnPeakChargeCoversEachWeekdayFromFourToNine()
    {
        var result = ReadJuly();

        var intervals = Charge(result, "tou-period-2-2025-07").Intervals;
        Assert.Equal(23, intervals.Count);
        Assert.All(intervals, i => Assert.Equal(Duration.FromHours(5), i.Duration));
        Assert.Equal(new Interval(Local(2025, 7, 1, 16), Local(2025, 7, 1, 21)), intervals[0]);
        Assert.Equal(new Interval(Local(2025, 7, 4, 16), Local(2025, 7, 4, 21)), intervals[3]);
        Assert.Equal(new Interval(Local(2025, 7, 7, 16), Local(2025, 7, 7, 21)), intervals[4]);
    }

    [Fact]
    public void Read_Tou8DJuly_FacilityChargeCoversTheMonthInTheSitesZone()
    {
        var result = ReadJuly();

        Assert.Equal(["facility-2025-07", "tou-period-2-2025-07"], result.DemandCharges.Select(c => c.Id));
        var facility = Charge(result, "facility-2025-07");
        Assert.Equal((25.36, 0.0), (facility.PerKw, facility.PeakSoFarKw));
        Assert.Equal([new Interval(Local(2025, 7, 1, 0), Local(2025, 8, 1, 0))], facility.Intervals);
        Assert.Equal(Instant.FromUtc(2025, 7, 1, 7, 0), facility.Intervals[0].Start);
    }

    [Fact]
    public void Read_Tou8DJuly_PricesEveryInstantOfTheMonth()
    {
        var result = ReadJuly();

        Assert.Empty(result.Errors);
        Assert.Equal("USD", result.Currency);
        Assert.Empty(TariffSlots.FindGaps(result.Prices, Local(2025, 7, 1, 0), Local(2025, 8, 1, 0)));

        // Each day: off-peak to 16:00, on-peak to 21:00, and off-peak on into the next day: 31 × 2 + 1 intervals.
        Assert.Equal(63, result.Prices.Count);
    }

    [Fact]
    public void Read_Tou8DJuly_FixedAndReactiveChargesAreReportedNotPlanned()
    {
        var result = ReadJuly();

        Assert.Equal(["$.items[0].fixedchargefirstmeter", "$.items[0].demandreactivepowercharge"], result.Notes.Select(n => n.Location));
        Assert.Contains("447.44 $/month", result.Notes[0].Message, StringComparison.Ordinal);
        Assert.Contains("not planned", result.Notes[1].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_Tou8DWinterWeek_MidPeakDemandOnEveryDayAndWinterPrices()
    {
        // 2025-01-06 is a Monday; winter's 16:00–21:00 demand period holds on the weekend too.
        var result = Read(TariffSamples.Text(Tou8D), LosAngeles, new LocalDate(2025, 1, 6), new LocalDate(2025, 1, 12));

        Assert.Equal(0.08973, PriceAt(result, Local(2025, 1, 6, 10)), 12);
        Assert.Equal(0.12428, PriceAt(result, Local(2025, 1, 11, 17)), 12);
        Assert.Equal(0.12331, PriceAt(result, Local(2025, 1, 11, 22)), 12);
        var midPeak = Charge(result, "tou-period-1-2025-01");
        Assert.Equal(8.83, midPeak.PerKw);
        Assert.Equal(7, midPeak.Intervals.Count);
        Assert.Equal(["facility-2025-01", "tou-period-1-2025-01"], result.DemandCharges.Select(c => c.Id));
    }

    [Fact]
    public void Read_SpringChangeDay_OnPeakWindowLandsOnTheLocalHours()
    {
        // Sunday 2025-03-09: 02:00 PST becomes 03:00 PDT. Saturday's window is 16:00-21:00 PST, Sunday's 16:00-21:00 PDT.
        var result = Read(TariffSamples.Text(Tou8D), LosAngeles, new LocalDate(2025, 3, 8), new LocalDate(2025, 3, 9));

        Assert.Equal(
            [
                new Interval(Instant.FromUtc(2025, 3, 9, 0, 0), Instant.FromUtc(2025, 3, 9, 5, 0)),
                new Interval(Instant.FromUtc(2025, 3, 9, 23, 0), Instant.FromUtc(2025, 3, 10, 4, 0)),
            ],
            Charge(result, "tou-period-1-2025-03").Intervals);
    }

    [Fact]
    public void Read_SpringChangeDay_Has23HoursAndAShorterFirstPeriod()
    {
        // 00:00 PST to 08:00 PDT is seven hours.
        var result = Read(TariffSamples.Text(Tou8D), LosAngeles, new LocalDate(2025, 3, 9), new LocalDate(2025, 3, 9));

        Assert.Equal(new PriceInterval(Instant.FromUtc(2025, 3, 9, 8, 0), Instant.FromUtc(2025, 3, 9, 15, 0), 0.12331), Rounded(result.Prices[0]));
        Assert.Equal(Duration.FromHours(23), result.Prices[^1].End - result.Prices[0].Start);
        Assert.Empty(TariffSlots.FindGaps(result.Prices));
    }

    [Fact]
    public void Read_AutumnChangeDay_RepeatedHourIsPricedTwiceAndTheWindowMovesByAnHour()
    {
        // Sunday 2025-11-02: 02:00 PDT becomes 01:00 PST, so 00:00 to 08:00 local is nine hours.
        var result = Read(TariffSamples.Text(Tou8D), LosAngeles, new LocalDate(2025, 11, 2), new LocalDate(2025, 11, 2));

        Assert.Equal(new PriceInterval(Instant.FromUtc(2025, 11, 2, 7, 0), Instant.FromUtc(2025, 11, 2, 16, 0), 0.12331), Rounded(result.Prices[0]));
        Assert.Equal(Duration.FromHours(25), result.Prices[^1].End - result.Prices[0].Start);
        Assert.Equal([new Interval(Instant.FromUtc(2025, 11, 3, 0, 0), Instant.FromUtc(2025, 11, 3, 5, 0))], Charge(result, "tou-period-1-2025-11").Intervals);
    }

    [Fact]
    public void Read_SiteInAnotherZone_HoursAreTheSitesClockHours()
    {
        var newYork = DateTimeZoneProviders.Tzdb["America/New_York"];

        var result = Read(TariffSamples.Text(Tou8D), newYork, new LocalDate(2025, 7, 7), new LocalDate(2025, 7, 7));

        Assert.Equal([new Interval(Instant.FromUtc(2025, 7, 7, 20, 0), Instant.FromUtc(2025, 7, 8, 1, 0))], Charge(result, "tou-period-2-2025-07").Intervals);
        Assert.Equal([new Interval(Instant.FromUtc(2025, 7, 7, 4, 0), Instant.FromUtc(2025, 7, 8, 4, 0))], Charge(result, "facility-2025-07").Intervals);
    }

    [Fact]
    public void Read_DatesAcrossTwoMonths_ChargesForEachBillingMonth()
    {
        var result = Read(TariffSamples.Text(Tou8D), LosAngeles, new LocalDate(2025, 9, 30), new LocalDate(2025, 10, 1));

        Assert.Equal(["facility-2025-09", "tou-period-2-2025-09", "facility-2025-10", "tou-period-1-2025-10"], result.DemandCharges.Select(c => c.Id));
        Assert.Equal([new Interval(Local(2025, 10, 1, 0), Local(2025, 10, 2, 0))], Charge(result, "facility-2025-10").Intervals);
    }

    [Fact]
    public void Read_PgeBev2S_OneFlatChargeAMonthAndThreeEnergyPeriods()
    {
        var result = Read(TariffSamples.Text("urdb/pge_bev-2-s.json"), LosAngeles, new LocalDate(2025, 7, 7), new LocalDate(2025, 7, 7));

        Assert.Empty(result.Errors);
        Assert.Equal(1.91, Assert.Single(result.DemandCharges).PerKw);
        Assert.Equal([0.18081, 0.15754, 0.18081, 0.39404, 0.18081], result.Prices.Select(p => Math.Round(p.PerKwh, 6)));
    }

    [Fact]
    public void Read_SceTouEv9_NoDemandChargeAtZeroRate()
    {
        var result = Read(TariffSamples.Text("urdb/sce_tou-ev-9_below-2kv.json"), LosAngeles, new LocalDate(2025, 7, 7), new LocalDate(2025, 7, 7));

        Assert.Empty(result.Errors);
        Assert.Empty(result.DemandCharges);
        Assert.Equal(0.51324, PriceAt(result, Local(2025, 7, 7, 17)), 12);
    }

    [Fact]
    public void Read_DatesBeforeTheRateWasInForce_LaysItOutAndSaysSo()
    {
        var result = Read(TariffSamples.Text(Tou8D), LosAngeles, new LocalDate(2021, 9, 6), new LocalDate(2021, 9, 12));

        Assert.Empty(result.Errors);
        Assert.NotEmpty(result.Prices);
        var note = Assert.Single(result.Notes, n => n.Location == "$.items[0].startdate");
        Assert.Contains("2024-09-30", note.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_ThroughTheImporter_NeedsZoneAndDates()
    {
        var withoutDates = TariffImporter.Read(TariffSamples.Text(Tou8D), TariffFormat.Urdb, new TariffImportOptions { Zone = LosAngeles });
        var withDates = TariffImporter.Read(TariffSamples.Text(Tou8D), TariffFormat.Urdb, new TariffImportOptions { Zone = LosAngeles, Dates = new DateInterval(new LocalDate(2025, 7, 7), new LocalDate(2025, 7, 7)) });

        Assert.Equal("options.Dates", Assert.Single(withoutDates.Errors).Location);
        Assert.Equal(2, withDates.DemandCharges.Count);
        Assert.True(TariffImporter.NeedsDates(TariffFormat.Urdb));
    }

    internal static TariffReadResult Read(string json, DateTimeZone zone, LocalDate first, LocalDate last) =>
        UrdbTariffReader.Read(json, zone, new DateInterval(first, last));

    private static TariffReadResult ReadJuly() => Read(TariffSamples.Text(Tou8D), LosAngeles, new LocalDate(2025, 7, 1), new LocalDate(2025, 7, 31));

    private static Instant Local(int year, int month, int day, int hour) =>
        LosAngeles.AtStrictly(new LocalDateTime(year, month, day, hour, 0)).ToInstant();

    private static double PriceAt(TariffReadResult result, Instant at) => result.Prices.Single(p => p.Start <= at && at < p.End).PerKwh;

    private static DemandCharge Charge(TariffReadResult result, string id) => result.DemandCharges.Single(c => c.Id == id);

    private static PriceInterval Rounded(PriceInterval price) => new(price.Start, price.End, Math.Round(price.PerKwh, 9));
}
