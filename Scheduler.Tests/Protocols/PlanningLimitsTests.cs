using System.Text.Json.Nodes;
using NodaTime;
using Scheduler.Optimizer.Model;
using Scheduler.Optimizer.Synthetic;
using Scheduler.Protocols.Input;
using Scheduler.Protocols.Scenarios;

namespace Scheduler.Tests.Protocols;

public sealed class PlanningLimitsTests
{
    [Fact]
    public void Read_WindowOfAThousandYears_IsRefusedAtTheEndBeforeAnySlotIsLaidOut()
    {
        var json = ScenarioSamples.Minimal();
        json.At("planning")["end"] = "3026-03-29T06:00:00+02:00";
        json.At("tariff.prices[0]")["end"] = "3026-03-29T06:00:00+02:00";

        var error = Assert.Single(ScenarioReader.Read(json.ToJsonString()).Errors);

        Assert.Equal("$.planning.end", error.Path);
        Assert.Equal("the window is 365,242.2 days long, longer than the 7 days a plan may cover", error.Message);
    }

    [Fact]
    public void Read_SevenDaysOfMinuteSlots_IsWithinTheLimits()
    {
        var json = ScenarioSamples.Minimal();
        json["planning"] = JsonNode.Parse("""{ "start": "2026-03-29T00:00:00+01:00", "end": "2026-04-05T00:00:00+02:00", "slotMinutes": 1 }""");
        json.At("tariff.prices[0]")["end"] = "2026-04-05T00:00:00+02:00";

        var result = ScenarioReader.Read(json.ToJsonString());

        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        Assert.Equal(7 * 24 * 60 - 60, result.Problem.Window.SlotCount);
    }

    [Theory]
    [InlineData("site.chargers", "$.site.chargers", InputLimits.MaxChargers, "chargers")]
    [InlineData("site.circuits", "$.site.circuits", InputLimits.MaxCircuits, "circuits")]
    [InlineData("sessions", "$.sessions", InputLimits.MaxSessions, "sessions")]
    [InlineData("tariff.prices", "$.tariff.prices", InputLimits.MaxIntervals, "prices")]
    [InlineData("gridSignals", "$.gridSignals", InputLimits.MaxIntervals, "grid signals")]
    public void Read_ListLongerThanItsLimit_IsRefusedAtTheListBeforeItsItemsAreRead(string list, string path, int max, string what)
    {
        var json = ScenarioSamples.Minimal();
        var (parent, name) = list.Contains('.', StringComparison.Ordinal) ? (json.At(list.Split('.')[0]), list.Split('.')[1]) : (json, list);

        // Items the schema would refuse one by one: only the count may be reported.
        parent[name] = new JsonArray([.. Enumerable.Range(0, max + 1).Select(_ => JsonValue.Create(0))]);

        var error = Assert.Single(ScenarioReader.Read(json.ToJsonString()).Errors);

        Assert.Equal(path, error.Path);
        Assert.Equal($"holds {max + 1:N0} {what}, more than the {max:N0} a scenario may hold", error.Message);
    }

    [Fact]
    public void Check_MoreSessionSlotsThanAPlanHolds_NamesTheSessions()
    {
        // Every one of 2,000 sessions stays all of a 7-day window of 15-minute slots: 1,344,000 session-slots.
        var problem = SyntheticSite.Create(2_000);
        var window = new PlanningWindow(problem.Window.Start, problem.Window.Start + Duration.FromDays(7), Duration.FromMinutes(15));
        var sessions = problem.Sessions.Select(s => new Session(s.Id, s.ChargerId, window.Start, window.End, s.EnergyKwh, s.MaxCurrentA, s.Phases)).ToList();

        var errors = PlanningLimits.Check(problem with { Window = window, Sessions = sessions });

        var error = Assert.Single(errors);
        Assert.Equal("$.sessions", error.Path);
        Assert.StartsWith("the sessions stay 1,344,000 session-slots inside the window, more than the 300,000 one plan may hold", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_TheBenchmarksLargestDepot_IsWithinTheLimits()
    {
        Assert.Empty(PlanningLimits.Check(SyntheticSite.Create(5_000)));
    }

    [Fact]
    public void Check_ManyCircuitsOverManySlots_NamesTheCircuits()
    {
        var problem = SyntheticSite.Create(5_000);
        var window = new PlanningWindow(problem.Window.Start, problem.Window.Start + Duration.FromDays(7), Duration.FromMinutes(1));

        var errors = PlanningLimits.Check(problem with { Window = window, Sessions = [] });

        var error = Assert.Single(errors);
        Assert.Equal("$.site.circuits", error.Path);
        Assert.StartsWith("the 600 circuits over the window's 10,080 slots make 6,048,000 circuit-slots, more than the 5,000,000 one plan may hold", error.Message, StringComparison.Ordinal);
    }
}
