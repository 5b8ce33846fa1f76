using System.Globalization;
using System.Text.Json.Nodes;
using NodaTime;
using Scheduler.Optimizer.Model;
using Scheduler.Protocols.OpenAdr;

namespace Scheduler.Tests.Protocols.OpenAdr;

public sealed class GridSignalBookTests
{
    private static readonly Instant Feb10 = Instant.FromUtc(2023, 2, 10, 0, 0);
    private static readonly Instant Now = Instant.FromUtc(2023, 2, 9, 12, 0);
    private static readonly Instant Until = Instant.FromUtc(2023, 2, 12, 0, 0);

    [Fact]
    public void Resolve_CapacityLimitExample_GivesTwoHalfHourLimits()
    {
        var book = BookFor("site-1");
        book.ApplyAll(ReadAll(OpenAdrSamples.UserGuide("ex-8.10.1-1_create-capacity-limit-event.json")));

        var set = book.Resolve(Now, Until);

        Assert.Equal(
            [
                new GridSignal("capacity_limit_Event:0", Feb10, Feb10 + Duration.FromMinutes(30), 10.0),
                new GridSignal("capacity_limit_Event:1", Feb10 + Duration.FromMinutes(30), Feb10 + Duration.FromHours(1), 8.0),
            ],
            set.GridSignals);
    }

    [Fact]
    public void Resolve_CapacityLimitInWatts_IsConvertedToKw()
    {
        var book = BookFor("site-1");
        book.Apply(ReadOne(LimitEvent("e1", null, null, "2023-02-10T00:00:00Z", "PT1H", 45000, units: "W")));

        var signal = Assert.Single(book.Resolve(Now, Until).GridSignals);

        Assert.Equal(45.0, signal.MaxImportKw);
    }

    [Fact]
    public void Resolve_PricingExample_GivesTwoHourlyUsdPrices()
    {
        var book = BookFor("site-1");
        book.Apply(ReadOne(OpenAdrSamples.UserGuide("ex-8.3-2_create-pricing-event.json")));

        var set = book.Resolve(Now, Until);

        Assert.Equal(
            [
                new PriceOverride("pricingEvent:0", Feb10, Feb10 + Duration.FromHours(1), 0.17, "USD"),
                new PriceOverride("pricingEvent:1", Feb10 + Duration.FromHours(1), Feb10 + Duration.FromHours(2), 0.03, "USD"),
            ],
            set.PriceOverrides);
    }

    [Fact]
    public void Resolve_Annex96Event_GivesThirteenHourlyPricesFrom19Utc()
    {
        var start = Instant.FromUtc(2026, 2, 17, 19, 0);
        var book = BookFor("site-1");
        book.Apply(ReadOne(OpenAdrSamples.Annex96Pricing(), start));

        var prices = book.Resolve(start, start + Duration.FromDays(2)).PriceOverrides;

        Assert.Equal(13, prices.Count);
        Assert.Equal(Enumerable.Range(0, 13).Select(h => start + Duration.FromHours(h)).ToList(), prices.Select(p => p.Start).ToList());
        Assert.Equal(start + Duration.FromHours(13), prices[^1].End);
        Assert.Equal(0.12097, prices[0].PerKwh);
        Assert.Equal(0.11692, prices.Min(p => p.PerKwh));
        Assert.Equal(0.12227, prices.Max(p => p.PerKwh));
        Assert.All(prices, p => Assert.Equal("USD", p.Currency));
    }

    [Fact]
    public void Resolve_MultiValuedPrice_SplitsIntoEqualSubIntervals()
    {
        var start = Instant.FromUtc(2025, 6, 25, 0, 0);
        var book = BookFor("site-1");
        book.Apply(ReadOne(OpenAdrSamples.UserGuide("ex-7.3-1_create-event-with-multi-valued-payload.json")));

        var prices = book.Resolve(start - Duration.FromDays(1), start + Duration.FromDays(1)).PriceOverrides;

        Assert.Equal(
            [(start, 0.17), (start + Duration.FromHours(1), 0.03), (start + Duration.FromHours(2), 0.11)],
            prices.Select(p => (p.Start, p.PerKwh)).ToList());
        Assert.Equal(start + Duration.FromHours(3), prices[^1].End);
    }

    [Fact]
    public void Resolve_PriceWithoutDescriptor_IsWarnedAboutNotGuessed()
    {
        var book = BookFor("site-1");
        book.Apply(ReadOne(OpenAdrSamples.UserGuide("ex-7.4-1_create-event-with-variable-intervals.json")));

        var set = book.Resolve(Now, Until);

        Assert.Empty(set.PriceOverrides);
        Assert.Equal(["$.intervals[0].payloads[0]", "$.intervals[1].payloads[0]"], set.Warnings.Select(w => w.Path).ToList());
    }

    [Fact]
    public void Resolve_SimpleExample_UsesTheSiteLimitForItsLevel()
    {
        var start = Instant.FromUtc(2025, 3, 14, 0, 0);
        var book = BookFor("site-1", new Dictionary<int, double> { [1] = 40, [2] = 20 });
        book.Apply(ReadOne(OpenAdrSamples.UserGuide("ex-8.2-1_create-simple-event.json")));

        var signal = Assert.Single(book.Resolve(start, start + Duration.FromDays(1)).GridSignals);

        Assert.Equal(new GridSignal("simpleEvent:0", start, start + Duration.FromHours(4), 40), signal);
    }

    [Fact]
    public void Resolve_SimpleLevelWithoutMapping_IsIgnoredWithWarning()
    {
        var start = Instant.FromUtc(2025, 3, 14, 0, 0);
        var book = BookFor("site-1", new Dictionary<int, double> { [2] = 20 });
        book.Apply(ReadOne(OpenAdrSamples.UserGuide("ex-8.2-1_create-simple-event.json")));

        var set = book.Resolve(start, start + Duration.FromDays(1));

        Assert.Empty(set.GridSignals);
        Assert.Equal("$.intervals[0].payloads[0]", Assert.Single(set.Warnings).Path);
    }

    [Theory]
    [InlineData("ven_0999", EventApplyOutcome.Added)]
    [InlineData("ven_0123", EventApplyOutcome.IgnoredNotTargeted)]
    public void Apply_VenTargetsExample_SelectsOnlyTheNamedVen(string ourName, EventApplyOutcome expected)
    {
        var book = BookFor(ourName);

        var outcome = book.Apply(ReadOne(WithLimitInterval(OpenAdrSamples.UserGuideNode("ex-8.13-4_bl-creates-event-with-targets.json"))));

        Assert.Equal(expected, outcome);
    }

    [Fact]
    public void Apply_ResourceTargetsExample_SelectsASiteThatOwnsTheResource()
    {
        var book = BookFor("site-1", names: ["site-1", "ven_0123", "resource_0999"]);

        var outcome = book.Apply(ReadOne(WithLimitInterval(OpenAdrSamples.UserGuideNode("ex-8.13-6_bl-creates-event-with-resource-targets.json"))));

        Assert.Equal(EventApplyOutcome.Added, outcome);
        Assert.Single(book.Resolve(Now, Until).GridSignals);
    }

    [Fact]
    public void Read_VenReadsTargetedEventExample_RejectsItForHavingNoIntervals()
    {
        var result = OpenAdrEventReader.Read(OpenAdrSamples.UserGuide("ex-8.13-5_ven-reads-event-with-targets.json"), Now);

        Assert.Equal("$[0].intervals", Assert.Single(result.Errors).Path);
    }

    [Fact]
    public void Apply_RetargetedAway_DropsTheEarlierVersion()
    {
        var book = BookFor("site-1");
        book.Apply(ReadOne(LimitEvent("e1", null, "2023-02-01T00:00:00Z", "2023-02-10T00:00:00Z", "PT1H", 50)));

        var outcome = book.Apply(ReadOne(LimitEvent("e1", null, "2023-02-02T00:00:00Z", "2023-02-10T00:00:00Z", "PT1H", 50, targets: "[\"site-2\"]")));

        Assert.Equal(EventApplyOutcome.IgnoredNotTargeted, outcome);
        Assert.Empty(book.Resolve(Now, Until).GridSignals);
    }

    [Fact]
    public void Resolve_HigherPriorityOverlap_WinsEvenWhereItIsLooser()
    {
        var book = BookFor("site-1");
        book.Apply(ReadOne(LimitEvent("low", 5, null, "2023-02-10T00:00:00Z", "PT2H", 50)));
        book.Apply(ReadOne(LimitEvent("high", 0, null, "2023-02-10T01:00:00Z", "PT2H", 80)));

        var signals = book.Resolve(Now, Until).GridSignals;

        Assert.Equal(
            [
                new GridSignal("low:0", Feb10, Feb10 + Duration.FromHours(1), 50),
                new GridSignal("high:0", Feb10 + Duration.FromHours(1), Feb10 + Duration.FromHours(3), 80),
            ],
            signals);
    }

    [Fact]
    public void Resolve_EqualPriorityOverlap_TakesTheMinimumAndFlagsIt()
    {
        var book = BookFor("site-1");
        book.Apply(ReadOne(LimitEvent("a", 1, null, "2023-02-10T00:00:00Z", "PT2H", 50)));
        book.Apply(ReadOne(LimitEvent("b", 1, null, "2023-02-10T01:00:00Z", "PT2H", 30)));

        var set = book.Resolve(Now, Until);

        Assert.Equal(
            [
                new GridSignal("a:0", Feb10, Feb10 + Duration.FromHours(1), 50),
                new GridSignal("b:0", Feb10 + Duration.FromHours(1), Feb10 + Duration.FromHours(3), 30),
            ],
            set.GridSignals);
        Assert.Contains("a, b", Assert.Single(set.Warnings).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_EqualPriorityPrices_NewestModificationHoldsAndIsFlagged()
    {
        var book = BookFor("site-1");
        book.Apply(ReadOne(PriceEvent("old", "2023-02-01T00:00:00Z", 0.30)));
        book.Apply(ReadOne(PriceEvent("new", "2023-02-05T00:00:00Z", 0.10)));

        var set = book.Resolve(Now, Until);

        Assert.Equal(0.10, Assert.Single(set.PriceOverrides).PerKwh);
        Assert.Single(set.Warnings);
    }

    [Fact]
    public void Apply_NewerModification_ReplacesTheWholeEvent()
    {
        var book = BookFor("site-1");
        book.Apply(ReadOne(LimitEvent("e1", null, "2023-02-01T00:00:00Z", "2023-02-10T00:00:00Z", "PT1H", 50)));

        var outcome = book.Apply(ReadOne(LimitEvent("e1", null, "2023-02-02T00:00:00Z", "2023-02-10T02:00:00Z", "PT1H", 30)));

        Assert.Equal(EventApplyOutcome.Replaced, outcome);
        Assert.Equal(
            [new GridSignal("e1:0", Feb10 + Duration.FromHours(2), Feb10 + Duration.FromHours(3), 30)],
            book.Resolve(Now, Until).GridSignals);
    }

    [Fact]
    public void Apply_OlderModificationArrivingLate_IsIgnored()
    {
        var book = BookFor("site-1");
        book.Apply(ReadOne(LimitEvent("e1", null, "2023-02-02T00:00:00Z", "2023-02-10T00:00:00Z", "PT1H", 30)));

        var outcome = book.Apply(ReadOne(LimitEvent("e1", null, "2023-02-01T00:00:00Z", "2023-02-10T00:00:00Z", "PT1H", 50)));

        Assert.Equal(EventApplyOutcome.IgnoredOlder, outcome);
        Assert.Equal(30, Assert.Single(book.Resolve(Now, Until).GridSignals).MaxImportKw);
    }

    [Fact]
    public void Apply_CancelledBySentinel_DropsItsSignalsAndStaysCancelled()
    {
        var book = BookFor("site-1");
        book.Apply(ReadOne(LimitEvent("e1", null, "2023-02-01T00:00:00Z", "2023-02-10T00:00:00Z", "PT1H", 50)));

        var cancelled = book.Apply(ReadOne(LimitEvent("e1", null, "2023-02-03T00:00:00Z", "0001-01-01", "PT0S", 50)));
        var lateOriginal = book.Apply(ReadOne(LimitEvent("e1", null, "2023-02-01T00:00:00Z", "2023-02-10T00:00:00Z", "PT1H", 50)));

        Assert.Equal(EventApplyOutcome.Cancelled, cancelled);
        Assert.Equal(EventApplyOutcome.IgnoredOlder, lateOriginal);
        Assert.Empty(book.Resolve(Now, Until).GridSignals);
        Assert.Empty(book.Events);
    }

    [Fact]
    public void Delete_KnownEvent_DropsItsSignals()
    {
        var book = BookFor("site-1");
        book.Apply(ReadOne(LimitEvent("e1", null, null, "2023-02-10T00:00:00Z", "PT1H", 50)));

        var deleted = book.Delete("e1");

        Assert.True(deleted);
        Assert.Empty(book.Resolve(Now, Until).GridSignals);
    }

    [Fact]
    public void Resolve_RandomizeStart_WidensTheLimitOnBothSides()
    {
        var book = BookFor("site-1");
        book.Apply(ReadOne(LimitEvent("e1", null, null, "2023-02-10T00:00:00Z", "PT1H", 50, randomize: "PT10M")));

        var signal = Assert.Single(book.Resolve(Now, Until).GridSignals);

        Assert.Equal((Feb10 - Duration.FromMinutes(10), Feb10 + Duration.FromMinutes(70)), (signal.Start, signal.End));
    }

    [Fact]
    public void Resolve_OpenEndedDoItNow_RunsFromNowToTheHorizon()
    {
        var book = BookFor("site-1");
        var json = LimitEvent("e1", null, null, "0001-01-01", "P9999Y", 50);
        book.Apply(ReadOne(json, Now));

        var signal = Assert.Single(book.Resolve(Now, Until).GridSignals);

        Assert.Equal((Now, Until), (signal.Start, signal.End));
    }

    [Fact]
    public void Resolve_IntervalEndedBeforeNow_IsInactive()
    {
        var book = BookFor("site-1");
        book.Apply(ReadOne(OpenAdrSamples.UserGuide("ex-8.10.1-1_create-capacity-limit-event.json")));

        var set = book.Resolve(Feb10 + Duration.FromMinutes(45), Until);

        Assert.Equal("capacity_limit_Event:1", Assert.Single(set.GridSignals).Id);
    }

    [Fact]
    public void Resolve_ZeroDurationInterval_IsWarnedAboutNotUsed()
    {
        var book = BookFor("site-1");
        book.Apply(ReadOne(LimitEvent("e1", null, null, "2023-02-10T00:00:00Z", "PT0S", 50)));

        var set = book.Resolve(Now, Until);

        Assert.Empty(set.GridSignals);
        Assert.Equal("$.intervals[0].payloads[0]", Assert.Single(set.Warnings).Path);
    }

    private static GridSignalBook BookFor(string name, Dictionary<int, double>? levels = null, string[]? names = null) =>
        new(new GridSignalBookOptions
        {
            TargetNames = names ?? [name],
            SimpleLevelLimitsKw = levels ?? [],
        });

    private static IReadOnlyList<OpenAdrEvent> ReadAll(string json, Instant? now = null)
    {
        var result = OpenAdrEventReader.Read(json, now ?? Now);
        Assert.True(result.IsValid, string.Join("; ", result.Errors));
        return result.Events;
    }

    private static OpenAdrEvent ReadOne(string json, Instant? now = null) => Assert.Single(ReadAll(json, now));

    private static OpenAdrEvent ReadOne(JsonObject node) => ReadOne(node.ToJsonString());

    private static JsonObject WithLimitInterval(JsonObject node)
    {
        node["intervalPeriod"] = JsonNode.Parse("""{ "start": "2023-02-10T00:00:00Z", "duration": "PT1H" }""");
        node["payloadDescriptors"] = JsonNode.Parse("""[{ "payloadType": "IMPORT_CAPACITY_LIMIT", "units": "KW" }]""");
        node["intervals"] = JsonNode.Parse("""[{ "id": 0, "payloads": [{ "type": "IMPORT_CAPACITY_LIMIT", "values": [40] }] }]""");
        return node;
    }

    private static string LimitEvent(
        string id, int? priority, string? modified, string start, string duration, double limit, string units = "KW", string? randomize = null, string? targets = null) =>
        string.Create(CultureInfo.InvariantCulture, $$"""
            {
              "id": "{{id}}", "programID": "p1",
              {{(priority is null ? "" : $"\"priority\": {priority},")}}
              {{(modified is null ? "" : $"\"modificationDateTime\": \"{modified}\",")}}
              {{(targets is null ? "" : $"\"targets\": {targets},")}}
              "intervalPeriod": { "start": "{{start}}", "duration": "{{duration}}" {{(randomize is null ? "" : $", \"randomizeStart\": \"{randomize}\"")}} },
              "payloadDescriptors": [{ "payloadType": "IMPORT_CAPACITY_LIMIT", "units": "{{units}}" }],
              "intervals": [{ "id": 0, "payloads": [{ "type": "IMPORT_CAPACITY_LIMIT", "values": [{{limit}}] }] }]
            }
            """);

    private static string PriceEvent(string id, string modified, double price) =>
        string.Create(CultureInfo.InvariantCulture, $$"""
            {
              "id": "{{id}}", "programID": "p1", "priority": 2, "modificationDateTime": "{{modified}}",
              "intervalPeriod": { "start": "2023-02-10T00:00:00Z", "duration": "PT1H" },
              "payloadDescriptors": [{ "payloadType": "PRICE", "units": "KWH", "currency": "USD" }],
              "intervals": [{ "id": 0, "payloads": [{ "type": "PRICE", "values": [{{price}}] }] }]
            }
            """);

    [Fact]
    public void Resolve_LimitCutInTwoByAHigherPriority_GivesEachStretchItsOwnId()
    {
        var book = BookFor("site-1");
        book.Apply(ReadOne(LimitEvent("low", 5, null, "2023-02-10T00:00:00Z", "PT4H", 50)));
        book.Apply(ReadOne(LimitEvent("high", 1, null, "2023-02-10T01:00:00Z", "PT1H", 80)));

        var signals = book.Resolve(Now, Until).GridSignals;

        Assert.Equal(["low:0", "high:0", "low:0#2"], signals.Select(s => s.Id).ToList());
        Assert.Equal([50.0, 80.0, 50.0], signals.Select(s => s.MaxImportKw).ToList());
    }

    [Fact]
    public void Resolve_ManyOverlappingEvents_SettlesEveryCut()
    {
        var book = BookFor("site-1");
        for (var i = 0; i < 300; i++)
        {
            var start = Feb10 + Duration.FromMinutes(i);
            book.Apply(ReadOne(LimitEvent($"e{i}", 1, null, NodaTime.Text.InstantPattern.ExtendedIso.Format(start), "PT10H", 100 - (i % 50))));
        }

        var signals = book.Resolve(Now, Until).GridSignals;

        // From each minute on, the tightest limit of the events that have begun holds: 51 kW from the 49th minute.
        Assert.Equal(Feb10, signals[0].Start);
        Assert.Equal(51, signals.Single(s => s.Start <= Feb10 + Duration.FromMinutes(60) && s.End > Feb10 + Duration.FromMinutes(60)).MaxImportKw);
        Assert.Equal(signals.Count, signals.Select(s => s.Id).Distinct().Count());
    }
}
