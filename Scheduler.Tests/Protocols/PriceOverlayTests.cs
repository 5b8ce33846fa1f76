using System.Text.Json.Nodes;
using NodaTime;
using Scheduler.Optimizer.Model;
using Scheduler.Optimizer.Solving;
using Scheduler.Protocols.Scenarios;

namespace Scheduler.Tests.Protocols;

public sealed class PriceOverlayTests
{
    private static readonly Instant T0 = Instant.FromUtc(2026, 3, 29, 0, 0);

    [Fact]
    public void Apply_OverrideInsideAPrice_CutsItIntoThree()
    {
        var prices = new[] { new PriceInterval(T0, T0 + Duration.FromHours(4), 0.20) };
        var overrides = new[] { new PriceInterval(T0 + Duration.FromHours(1), T0 + Duration.FromHours(2), 0.90) };

        var result = PriceOverlay.Apply(prices, overrides);

        Assert.Equal(
            [(0, 1, 0.20), (1, 2, 0.90), (2, 4, 0.20)],
            result.Select(p => ((int)(p.Start - T0).TotalHours, (int)(p.End - T0).TotalHours, p.PerKwh)).ToArray());
    }

    [Fact]
    public void Apply_OverrideAcrossTwoPrices_ReplacesTheCoveredParts()
    {
        var prices = new[]
        {
            new PriceInterval(T0, T0 + Duration.FromHours(2), 0.10),
            new PriceInterval(T0 + Duration.FromHours(2), T0 + Duration.FromHours(4), 0.30),
        };
        var overrides = new[] { new PriceInterval(T0 + Duration.FromHours(1), T0 + Duration.FromHours(3), -0.05) };

        var result = PriceOverlay.Apply(prices, overrides);

        Assert.Equal(
            [(0, 1, 0.10), (1, 3, -0.05), (3, 4, 0.30)],
            result.Select(p => ((int)(p.Start - T0).TotalHours, (int)(p.End - T0).TotalHours, p.PerKwh)).ToArray());
    }

    [Fact]
    public void Read_ScenarioWithPriceOverride_PlansWithTheOverriddenPrice()
    {
        var json = ScenarioSamples.Minimal();
        json["priceOverrides"] = new JsonArray(new JsonObject
        {
            ["id"] = "evt-1:0",
            ["start"] = "2026-03-29T01:00:00+01:00",
            ["end"] = "2026-03-29T03:30:00+02:00",
            ["perKwh"] = 0.05,
        });

        var read = ScenarioReader.Read(json.ToJsonString());
        var plan = ChargingSolver.Solve(read.Problem!);

        Assert.True(read.IsValid, string.Join("; ", read.Errors));
        Assert.Equal(3, read.Problem!.Tariff.Prices.Count);
        var cheap = plan.SiteLoad.Where(l => l.PerKwh == 0.05).ToList();
        Assert.Equal(6, cheap.Count);
        Assert.Equal(Instant.FromUtc(2026, 3, 29, 0, 0), cheap[0].Start);
        Assert.True(plan.SiteLoad.Where(l => l.PerKwh == 0.05).Sum(l => l.ChargingKw) > 0);
    }

    [Fact]
    public void Read_OverlappingPriceOverrides_ReportsTheLaterOne()
    {
        var json = ScenarioSamples.Minimal();
        json["priceOverrides"] = new JsonArray(
            new JsonObject { ["id"] = "a", ["start"] = "2026-03-29T01:00:00+01:00", ["end"] = "2026-03-29T01:45:00+01:00", ["perKwh"] = 0.05 },
            new JsonObject { ["id"] = "b", ["start"] = "2026-03-29T01:30:00+01:00", ["end"] = "2026-03-29T03:30:00+02:00", ["perKwh"] = 0.07 });

        var read = ScenarioReader.Read(json.ToJsonString());

        Assert.False(read.IsValid);
        Assert.Contains(read.Errors, e => e.Path == "$.priceOverrides[1]");
    }

    [Fact]
    public void Apply_ThousandsOfOverrides_CutsEachPriceOnlyWhereAnOverrideFalls()
    {
        var start = Instant.FromUtc(2026, 1, 1, 0, 0);
        var hours = Enumerable.Range(0, 5_000).Select(h => new PriceInterval(start + Duration.FromHours(h), start + Duration.FromHours(h + 1), 0.2)).ToList();
        var halves = Enumerable.Range(0, 5_000).Select(h => new PriceInterval(start + Duration.FromHours(h) + Duration.FromMinutes(30), start + Duration.FromHours(h + 1), 0.5)).ToList();

        var result = PriceOverlay.Apply(hours, halves);

        Assert.Equal(10_000, result.Count);
        Assert.All(result, p => Assert.Equal(Duration.FromMinutes(30), p.End - p.Start));
        Assert.Equal(Enumerable.Range(0, 10_000).Select(i => i % 2 == 0 ? 0.2 : 0.5), result.Select(p => p.PerKwh));
        Assert.Equal(Enumerable.Range(0, 10_000).Select(i => start + Duration.FromMinutes(30 * i)), result.Select(p => p.Start));
    }
}
