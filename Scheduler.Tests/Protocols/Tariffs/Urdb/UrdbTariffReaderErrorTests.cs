using System.Text.Json.Nodes;
using NodaTime;
using Scheduler.Protocols.Tariffs;

namespace Scheduler.Tests.Protocols.Tariffs.Urdb;

/// <summary>What a plan cannot bill, and URDB rates of the wrong shape: each an error at its JSON path, with no prices and no charges.</summary>
public sealed class UrdbTariffReaderErrorTests
{
    private static readonly DateTimeZone LosAngeles = DateTimeZoneProviders.Tzdb["America/Los_Angeles"];

    [Fact]
    public void Read_EnergyPeriodWithTiersOfDifferentPrices_IsAnErrorAtThePeriod()
    {
        var rate = Tou8D();
        rate["energyratestructure"]![1] = JsonNode.Parse("""[ { "max": 1000, "rate": 0.1, "unit": "kWh" }, { "rate": 0.2, "unit": "kWh" } ]""");

        var error = Single(rate);

        Assert.Equal("$.items[0].energyratestructure[1]", error.Location);
        Assert.Contains("2 tiers of different prices (0.1, 0.2)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_DemandPeriodWithTiersOfDifferentPrices_IsAnErrorAtThePeriod()
    {
        var rate = Tou8D();
        rate["demandratestructure"]![2] = JsonNode.Parse("""[ { "max": 500, "rate": 29.54 }, { "rate": 20 } ]""");

        Assert.Equal("$.items[0].demandratestructure[2]", Single(rate).Location);
    }

    [Fact]
    public void Read_TiersOfOnePrice_AreOnePrice()
    {
        var rate = Tou8D();
        rate["flatdemandstructure"] = JsonNode.Parse("""[ [ { "max": 500, "rate": 25, "adj": 0.36 }, { "rate": 25.36 } ] ]""");

        var result = Read(rate);

        Assert.Empty(result.Errors);
        Assert.Equal(25.36, result.DemandCharges.Single(c => c.Id == "facility-2025-07").PerKw);
    }

    [Theory]
    [InlineData("demandratchetpercentage", "[0, 0, 0, 0, 0, 0.8, 0.8, 0.8, 0.8, 0, 0, 0]", "ratchet")]
    [InlineData("lookbackPercent", "0.5", "look-back")]
    [InlineData("lookbackRange", "11", "look-back")]
    [InlineData("coincidentratestructure", "[[{ \"rate\": 3.2 }]]", "coincident demand")]
    [InlineData("demandwindow", "30", "15-minute")]
    [InlineData("flatdemandunit", "\"kVA\"", "\"kW\"")]
    [InlineData("demandrateunit", "\"hp\"", "\"kW\"")]
    [InlineData("demandrateunit", "\"kW daily\"", "\"kW\"")]
    public void Read_WhatAPlanCannotBill_IsAnErrorNamingTheField(string field, string value, string reason)
    {
        var rate = Tou8D();
        rate[field] = JsonNode.Parse(value);

        var error = Single(rate);

        Assert.Equal($"$.items[0].{field}", error.Location);
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("demandratchetpercentage", "[0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]")]
    [InlineData("coincidentratestructure", "[[{ \"rate\": 0 }]]")]
    [InlineData("demandwindow", "15")]
    [InlineData("lookbackPercent", "0")]
    public void Read_ThoseFieldsAtZero_AreFine(string field, string value)
    {
        var rate = Tou8D();
        rate[field] = JsonNode.Parse(value);

        Assert.Empty(Read(rate).Errors);
    }

    [Fact]
    public void Read_EnergyTierInAnotherUnit_IsAnErrorAtTheUnit()
    {
        var rate = Tou8D();
        rate["energyratestructure"]![0]![0]!["unit"] = "kWh daily";

        var error = Single(rate);

        Assert.Equal("$.items[0].energyratestructure[0][0].unit", error.Location);
        Assert.Contains("expected \"kWh\"", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_NegativeDemandCharge_IsAnErrorAtThePeriod()
    {
        var rate = Tou8D();
        rate["demandratestructure"]![1] = JsonNode.Parse("""[ { "rate": -2 } ]""");

        Assert.Equal("$.items[0].demandratestructure[1]", Single(rate).Location);
    }

    [Fact]
    public void Read_NegativeEnergyPrice_IsAPrice()
    {
        var rate = Tou8D();
        rate["energyratestructure"]![3] = JsonNode.Parse("""[ { "rate": -0.02, "unit": "kWh" } ]""");

        var result = Read(rate);

        Assert.Empty(result.Errors);
        Assert.Contains(result.Prices, p => Math.Abs(p.PerKwh - -0.02) < 1e-12);
    }

    [Theory]
    [InlineData("energyweekdayschedule", "has 11 months")]
    [InlineData("demandweekendschedule", "has 11 months")]
    public void Read_ScheduleOfElevenMonths_IsAnErrorAtTheSchedule(string schedule, string message)
    {
        var rate = Tou8D();
        rate[schedule]!.AsArray().RemoveAt(11);

        var error = Single(rate);

        Assert.Equal($"$.items[0].{schedule}", error.Location);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_MonthOfTwentyThreeHours_IsAnErrorAtTheMonth()
    {
        var rate = Tou8D();
        rate["energyweekendschedule"]![3]!.AsArray().RemoveAt(0);

        var error = Single(rate);

        Assert.Equal("$.items[0].energyweekendschedule[3]", error.Location);
        Assert.Contains("an array of 23", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("energyweekdayschedule", "6", "0 to 5")]
    [InlineData("energyweekdayschedule", "-1", "0 to 5")]
    [InlineData("energyweekdayschedule", "1.5", "0 to 5")]
    [InlineData("demandweekdayschedule", "3", "0 to 2")]
    public void Read_HourNamingNoPeriod_IsAnErrorAtTheHour(string schedule, string value, string range)
    {
        var rate = Tou8D();
        rate[schedule]![6]![17] = JsonNode.Parse(value);

        var error = Single(rate);

        Assert.Equal($"$.items[0].{schedule}[6][17]", error.Location);
        Assert.Contains(range, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_FlatDemandMonthsOfWrongLength_IsAnErrorAtTheMonths()
    {
        var rate = Tou8D();
        rate["flatdemandmonths"]!.AsArray().RemoveAt(0);

        Assert.Equal("$.items[0].flatdemandmonths", Single(rate).Location);
    }

    [Theory]
    [InlineData("energyratestructure", "$.items[0].energyratestructure")]
    [InlineData("energyweekendschedule", "$.items[0].energyweekendschedule")]
    [InlineData("flatdemandmonths", "$.items[0].flatdemandmonths")]
    [InlineData("flatdemandstructure", "$.items[0].flatdemandstructure")]
    [InlineData("demandweekdayschedule", "$.items[0].demandweekdayschedule")]
    [InlineData("demandratestructure", "$.items[0].demandratestructure")]
    public void Read_FieldMissingItsPartner_IsAnErrorAtTheMissingField(string removed, string location)
    {
        var rate = Tou8D();
        rate.Remove(removed);

        var error = Single(rate);

        Assert.Equal(location, error.Location);
        Assert.StartsWith("is missing", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_TierWithoutRate_IsAnErrorAtTheRate()
    {
        var rate = Tou8D();
        rate["energyratestructure"]![2]![0]!.AsObject().Remove("rate");

        Assert.Equal("$.items[0].energyratestructure[2][0].rate", Single(rate).Location);
    }

    [Fact]
    public void Read_EmptyPeriod_IsAnErrorAtThePeriod()
    {
        var rate = Tou8D();
        rate["energyratestructure"]![0] = new JsonArray();

        Assert.Equal("$.items[0].energyratestructure[0]", Single(rate).Location);
    }

    [Fact]
    public void Read_FuelAdjustments_AddToEachMonthsPrices()
    {
        var rate = Tou8D();
        rate["fueladjustmentsmonthly"] = JsonNode.Parse("[0, 0, 0, 0, 0, 0, 0.01, 0, 0, 0, 0, 0]");

        var result = Read(rate);

        Assert.Equal(0.12343, result.Prices[0].PerKwh, 12);
    }

    [Fact]
    public void Read_FuelAdjustmentsOfElevenMonths_IsAnError()
    {
        var rate = Tou8D();
        rate["fueladjustmentsmonthly"] = JsonNode.Parse("[0, 0, 0, 0, 0, 0, 0.01, 0, 0, 0, 0]");

        Assert.Equal("$.items[0].fueladjustmentsmonthly", Single(rate).Location);
    }

    [Fact]
    public void Read_TwoRates_IsAnErrorAskingForOne()
    {
        var document = Document();
        document["items"]!.AsArray().Add(document["items"]![0]!.DeepClone());

        var error = Assert.Single(UrdbTariffReaderTests.Read(document.ToJsonString(), LosAngeles, Day, Day).Errors);

        Assert.Equal("$.items", error.Location);
        Assert.Contains("has 2 rates (674e0b87201c6bd096007a5a, 674e0b87201c6bd096007a5a)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_BareRateObject_ReadsWithPathsFromTheRoot()
    {
        var rate = Tou8D();
        rate["demandwindow"] = 60;

        var result = UrdbTariffReaderTests.Read(rate.ToJsonString(), LosAngeles, Day, Day);

        Assert.Equal("$.demandwindow", Assert.Single(result.Errors).Location);
    }

    [Fact]
    public void Read_NotJson_IsAnErrorWithItsLine()
    {
        var result = UrdbTariffReaderTests.Read("{\"items\": [", LosAngeles, Day, Day);

        var error = Assert.Single(result.Errors);
        Assert.Equal("$", error.Location);
        Assert.Contains("line 1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_SeveralProblems_ReportsEachAndNothingElse()
    {
        var rate = Tou8D();
        rate["demandratchetpercentage"] = JsonNode.Parse("[0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5]");
        rate["flatdemandunit"] = "kVA";
        rate.Remove("energyweekendschedule");

        var result = Read(rate);

        Assert.Equal(
            ["$.items[0].demandratchetpercentage", "$.items[0].flatdemandunit", "$.items[0].energyweekendschedule"],
            result.Errors.Select(e => e.Location));
        Assert.Empty(result.Prices);
        Assert.Empty(result.DemandCharges);
    }

    private static readonly LocalDate Day = new(2025, 7, 7);

    private static JsonObject Document() => JsonNode.Parse(TariffSamples.Text("urdb/sce_tou-8_option-d_under-2kv.json"))!.AsObject();

    /// <summary>The TOU-8 D rate object, to change before reading it back inside its API response.</summary>
    private static JsonObject Tou8D() => Document()["items"]![0]!.AsObject();

    private static TariffReadResult Read(JsonObject rate) =>
        UrdbTariffReaderTests.Read(new JsonObject { ["items"] = new JsonArray(rate.DeepClone()) }.ToJsonString(), LosAngeles, Day, Day);

    private static TariffError Single(JsonObject rate)
    {
        var result = Read(rate);
        Assert.Empty(result.Prices);
        Assert.Empty(result.DemandCharges);
        return Assert.Single(result.Errors);
    }
}
