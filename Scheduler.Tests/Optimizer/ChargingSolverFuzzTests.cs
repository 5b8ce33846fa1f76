using System.Collections.Concurrent;
using System.Globalization;
using Scheduler.Optimizer.Model;
using Scheduler.Optimizer.Plans;
using Scheduler.Optimizer.Solving;
using Scheduler.Tests.Support;
using Xunit.Abstractions;

namespace Scheduler.Tests.Optimizer;

/// <summary>
/// The fuzz campaign: hostile random sites (<see cref="FuzzSites"/>) planned and checked by the independent
/// <see cref="PlanChecker"/>, and small ones checked for plans that an exact MIP beats. The default run takes a few
/// hundred seeds; the soak run takes as many as <c>SCHEDULER_FUZZ_SITES</c> says, from <c>SCHEDULER_FUZZ_FIRST_SEED</c>
/// (see the README). A failure names each failing seed; <c>FuzzSites.Generate(seed)</c> makes that site again.
/// </summary>
public sealed class ChargingSolverFuzzTests(ITestOutputHelper output)
{
    /// <summary>The environment variable with the number of sites of a soak run.</summary>
    public const string SitesVariable = "SCHEDULER_FUZZ_SITES";

    /// <summary>The environment variable with the first seed of a run (1 by default).</summary>
    public const string FirstSeedVariable = "SCHEDULER_FUZZ_FIRST_SEED";

    private const int DefaultSites = 300;

    /// <summary>A small site's MIP takes a tenth of a second or so: a third as many small sites as fuzz sites.</summary>
    private const int SmallSitesPerSite = 3;

    private const int Shown = 3;

    [Fact]
    public void Fuzz_RandomHostileSites_AreValidAndEveryPlanKeepsEveryInvariant()
    {
        var failures = ForEachSeed(Count(), seed =>
        {
            var problem = FuzzSites.Generate(seed);
            var issues = ProblemValidator.Validate(problem);
            return issues.Count > 0
                ? issues.Select(i => $"invalid: {i}")
                : PlanChecker.Violations(problem, ChargingSolver.Solve(problem));
        });

        Report(failures, FuzzSites.Generate);
    }

    [Fact]
    public void Fuzz_SmallSites_NoWholeAmpPlanGivesEverySessionAsMuchAndMoreInTotal()
    {
        var failures = ForEachSeed(Math.Max(1, Count() / SmallSitesPerSite), seed =>
        {
            var problem = FuzzSites.GenerateSmall(seed);
            var plan = ChargingSolver.Solve(problem);
            var excess = DominanceCheck.ExcessKwh(problem, plan);
            return excess > 0 ? [$"a valid whole-amp plan delivers {excess.ToString("0.###", CultureInfo.InvariantCulture)} kWh more, no session getting less ({plan.Status})"] : [];
        });

        Report(failures, FuzzSites.GenerateSmall);
    }

    [Fact]
    public void Generate_DefaultSeeds_CoverEveryHostileFeature()
    {
        var problems = Enumerable.Range(FirstSeed(), DefaultSites).Select(FuzzSites.Generate).ToList();

        var missing = FuzzFeatures.All.Where(f => !problems.Any(f.Present)).Select(f => f.Name).ToList();

        Assert.True(missing.Count == 0, "no default fuzz site has: " + string.Join(", ", missing));
    }

    [Fact]
    public void Generate_SameSeed_GivesTheSameSite()
    {
        Assert.Equal(RandomProblems.Describe(FuzzSites.Generate(42)), RandomProblems.Describe(FuzzSites.Generate(42)));
    }

    private static int Count() =>
        int.TryParse(Environment.GetEnvironmentVariable(SitesVariable), CultureInfo.InvariantCulture, out var n) && n > 0 ? n : DefaultSites;

    private static int FirstSeed() =>
        int.TryParse(Environment.GetEnvironmentVariable(FirstSeedVariable), CultureInfo.InvariantCulture, out var n) ? n : 1;

    /// <summary>Runs the check on <paramref name="count"/> seeds in parallel and returns each failing seed with its faults.</summary>
    private List<(int Seed, IReadOnlyList<string> Faults)> ForEachSeed(int count, Func<int, IEnumerable<string>> check)
    {
        var failures = new ConcurrentBag<(int, IReadOnlyList<string>)>();
        var options = new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount };
        Parallel.For(FirstSeed(), FirstSeed() + count, options, seed =>
        {
            var faults = check(seed).ToList();
            if (faults.Count > 0)
            {
                failures.Add((seed, faults));
            }
        });

        output.WriteLine($"{count} sites from seed {FirstSeed()}: {failures.Count} with violations");
        return [.. failures.OrderBy(f => f.Item1)];
    }

    private static void Report(List<(int Seed, IReadOnlyList<string> Faults)> failures, Func<int, PlanningProblem> generate)
    {
        if (failures.Count == 0)
        {
            return;
        }

        var shown = failures.Take(Shown).Select(f =>
            $"seed {f.Seed}:{Environment.NewLine}"
            + string.Join(Environment.NewLine, f.Faults.Take(6).Select(v => "  - " + v)) + Environment.NewLine
            + RandomProblems.Describe(generate(f.Seed)));
        Assert.Fail($"{failures.Count} sites failed (seeds {string.Join(", ", failures.Select(f => f.Seed))}).{Environment.NewLine}{string.Join(Environment.NewLine, shown)}");
    }
}
