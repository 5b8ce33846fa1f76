using CsCheck;
using Scheduler.Optimizer.Model;

namespace Scheduler.Tests.Support;

/// <summary>The scenario generator makes valid problems, the same ones every run, and all the kinds it promises.</summary>
public sealed class RandomProblemsTests
{
    private static readonly IReadOnlyList<SeededProblem> Scenarios = RandomProblems.Fixed(300);

    [Fact]
    public void Fixed_EveryScenario_PassesTheValidator()
    {
        var invalid = Scenarios
            .Select(s => (s.Index, Issues: ProblemValidator.Validate(s.Problem)))
            .Where(s => s.Issues.Count > 0)
            .Select(s => $"#{s.Index}: {string.Join("; ", s.Issues)}");

        Assert.Empty(invalid);
    }

    [Fact]
    public void Fixed_TwoCalls_GiveTheSameScenarios()
    {
        var again = RandomProblems.Fixed(300);

        Assert.Equal(Scenarios.Select(s => RandomProblems.Describe(s.Problem)), again.Select(s => RandomProblems.Describe(s.Problem)));
        Assert.Equal(Scenarios.Select(s => s.Seed), again.Select(s => s.Seed));
    }

    [Fact]
    public void Fixed_SeedGivenToSample_ReplaysTheScenario()
    {
        var scenario = Scenarios[42];
        PlanningProblem? replayed = null;

        RandomProblems.Scenario.Sample(p => replayed = p, seed: scenario.Seed, iter: 1, threads: 1);

        Assert.NotNull(replayed);
        Assert.Equal(RandomProblems.Describe(scenario.Problem), RandomProblems.Describe(replayed));
    }

    [Theory]
    [InlineData("no circuits")]
    [InlineData("one level of circuits")]
    [InlineData("two levels of circuits")]
    [InlineData("a charger outside every circuit")]
    [InlineData("a one-phase load on L1")]
    [InlineData("a one-phase load on L2")]
    [InlineData("a one-phase load on L3")]
    [InlineData("a three-phase car on a one-phase charger")]
    [InlineData("a vehicle minimum above the charger's")]
    [InlineData("an arrival inside a slot")]
    [InlineData("a stay within one slot")]
    [InlineData("an arrival before the window")]
    [InlineData("a departure after the window")]
    [InlineData("two sessions on one charger")]
    [InlineData("a request of nothing")]
    [InlineData("a request more than fits")]
    [InlineData("a negative price")]
    [InlineData("a price that changes inside a slot")]
    [InlineData("30-minute slots")]
    [InlineData("60-minute slots")]
    [InlineData("a demand charge")]
    [InlineData("a base load")]
    [InlineData("an exporting base load")]
    [InlineData("a grid signal")]
    [InlineData("a grid signal of 0 kW")]
    [InlineData("a connection under 10 kW")]
    [InlineData("240 V")]
    public void Fixed_Scenarios_IncludeEveryKind(string kind)
    {
        var count = Scenarios.Count(s => Has(s.Problem, kind));

        Assert.True(count >= 3, $"only {count} of {Scenarios.Count} scenarios have {kind}");
    }

    private static bool Has(PlanningProblem p, string kind)
    {
        var facts = new ProblemFacts(p);
        var w = p.Window;
        var sessions = Enumerable.Range(0, p.Sessions.Count);
        var slotStarts = Enumerable.Range(0, w.SlotCount + 1).Select(k => w.Start + (w.SlotLength * k)).ToHashSet();
        return kind switch
        {
            "no circuits" => p.Site.Circuits.Count == 0,
            "one level of circuits" => p.Site.Circuits.Count > 0 && p.Site.Circuits.All(c => c.ParentId is null),
            "two levels of circuits" => p.Site.Circuits.Any(c => c.ParentId is not null),
            "a charger outside every circuit" => p.Site.Circuits.Count > 0 && p.Site.Chargers.Any(c => c.CircuitId is null),
            "a one-phase load on L1" => sessions.Any(i => facts.LoadedPhases(i) is [Phase.L1]),
            "a one-phase load on L2" => sessions.Any(i => facts.LoadedPhases(i) is [Phase.L2]),
            "a one-phase load on L3" => sessions.Any(i => facts.LoadedPhases(i) is [Phase.L3]),
            "a three-phase car on a one-phase charger" => sessions.Any(i => p.Sessions[i].Phases == 3 && facts.ChargerOf(i).Phases == 1),
            "a vehicle minimum above the charger's" => sessions.Any(i => p.Sessions[i].MinCurrentA > facts.ChargerOf(i).MinCurrentA),
            "an arrival inside a slot" => p.Sessions.Any(s => s.Arrival > w.Start && !slotStarts.Contains(s.Arrival)),
            "a stay within one slot" => sessions.Any(i => Enumerable.Range(0, w.SlotCount).Count(k => facts.IsPresent(i, k)) == 1 && Enumerable.Range(0, w.SlotCount).All(k => facts.Coverage(i, k) < 1)),
            "an arrival before the window" => p.Sessions.Any(s => s.Arrival < w.Start),
            "a departure after the window" => p.Sessions.Any(s => s.Departure > w.End),
            "two sessions on one charger" => p.Sessions.GroupBy(s => s.ChargerId).Any(g => g.Count() > 1),
            "a request of nothing" => p.Sessions.Any(s => s.EnergyKwh == 0),
            "a request more than fits" => sessions.Any(i => p.Sessions[i].EnergyKwh > Enumerable.Range(0, w.SlotCount).Sum(k => facts.MaxA(i) * facts.KwhPerAmp(i, k))),
            "a negative price" => p.Tariff.Prices.Any(x => x.PerKwh < 0),
            "a price that changes inside a slot" => p.Tariff.Prices.Any(x => x.Start > w.Start && x.Start < w.End && !slotStarts.Contains(x.Start)),
            "30-minute slots" => w.SlotLength.TotalMinutes == 30,
            "60-minute slots" => w.SlotLength.TotalMinutes == 60,
            "a demand charge" => p.Tariff.DemandCharges.Any(d => d.PerKw > 0),
            "a base load" => p.Site.BaseLoad.Count > 0,
            "an exporting base load" => p.Site.BaseLoad.Any(b => b.Kw < 0),
            "a grid signal" => p.GridSignals.Count > 0,
            "a grid signal of 0 kW" => p.GridSignals.Any(g => g.MaxImportKw == 0),
            "a connection under 10 kW" => p.Site.GridLimitKw < 10,
            "240 V" => p.Site.VoltageV == 240,
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown kind"),
        };
    }
}
