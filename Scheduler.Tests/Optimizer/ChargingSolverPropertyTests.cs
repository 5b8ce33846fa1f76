using System.Collections.Concurrent;
using NodaTime;
using Scheduler.Optimizer.Model;
using Scheduler.Optimizer.Plans;
using Scheduler.Optimizer.Solving;
using Scheduler.Tests.Support;

namespace Scheduler.Tests.Optimizer;

/// <summary>
/// The optimizer's invariants on hundreds of random scenarios from fixed seeds (the same scenarios on every run).
/// A failure names the scenario's CsCheck seed; <c>RandomProblems.Scenario.Sample(check, seed: "…", iter: 1)</c>
/// replays it alone.
/// </summary>
public sealed class ChargingSolverPropertyTests
{
    private const int Iterations = 300;

    /// <summary>How many failing scenarios a failure message shows in full.</summary>
    private const int Shown = 4;

    private static readonly SolverOptions WithoutExactStage = new() { ExactStageMaxPairs = 0 };

    private static readonly SolverOptions NoTime = new() { TimeLimit = TimeSpan.Zero };

    private static readonly Lazy<IReadOnlyList<SeededProblem>> Scenarios = new(() => RandomProblems.Fixed(Iterations));

    /// <summary>The plans with the default options, made once for the tests that only read them.</summary>
    private static readonly Lazy<Plan[]> DefaultPlans = new(() => SolveAll(null));

    [Fact]
    public void Solve_RandomScenarios_KeepsEveryInvariant()
    {
        var plans = DefaultPlans.Value;

        AssertForAll(s => PlanChecker.Violations(s.Problem, plans[s.Index]));
    }

    [Fact]
    public void Solve_RandomScenariosWithoutTheExactStage_KeepsEveryInvariant()
    {
        // Sites above ExactStageMaxPairs get the relaxation and the repair alone: that path must be safe on its own.
        AssertForAll(s => PlanChecker.Violations(s.Problem, ChargingSolver.Solve(s.Problem, WithoutExactStage)));
    }

    [Fact]
    public void Solve_NoTimeForTheRelaxation_FallsBackToAPlanThatKeepsEveryInvariant()
    {
        AssertForAll(s =>
        {
            var plan = ChargingSolver.Solve(s.Problem, NoTime);
            var status = plan.Status == PlanStatus.Fallback ? [] : new[] { $"status {plan.Status}, expected Fallback" };
            return status.Concat(PlanChecker.Violations(s.Problem, plan));
        });
    }

    [Fact]
    public void Solve_SameInputTwice_GivesTheSamePlan()
    {
        var plans = DefaultPlans.Value;

        AssertForAll(s => Differences(plans[s.Index], ChargingSolver.Solve(s.Problem)));
    }

    [Fact]
    public void Solve_RandomScenarios_ReportsALowerBoundNotAboveTheObjective()
    {
        var plans = DefaultPlans.Value;

        AssertForAll(s => plans[s.Index] switch
        {
            { Status: not PlanStatus.Fallback, LowerBound: null } => [$"status {plans[s.Index].Status} without a lower bound"],
            { LowerBound: { } bound, Objective: var objective } when bound > objective + Slack(objective) => [$"lower bound {bound} above objective {objective}"],
            _ => [],
        });
    }

    [Fact]
    public void Solve_WholeProblemOneDayLater_GivesTheSameCurrents()
    {
        // The plan may depend on the instants only through their differences: no clock, no calendar.
        var plans = DefaultPlans.Value;

        AssertForAll(s => Differences(plans[s.Index], ChargingSolver.Solve(ProblemVariants.Shifted(s.Problem, Duration.FromDays(1))), compareWindow: false));
    }

    [Fact]
    public void Solve_MoreRoomOnEveryLimit_NeverRaisesTheLowerBound()
    {
        // The relaxation's optimum can only fall when its constraints are loosened; the integer plan may not.
        AssertForAll(s =>
        {
            var tight = ChargingSolver.Solve(s.Problem, WithoutExactStage).LowerBound;
            var loose = ChargingSolver.Solve(ProblemVariants.Relaxed(s.Problem), WithoutExactStage).LowerBound;
            return tight is { } t && loose is { } l && l > t + Slack(t)
                ? [$"lower bound {l} with more room, {t} without"]
                : [];
        });
    }

    [Fact]
    public void Solve_RequestsOfNothing_ChargesNothing()
    {
        AssertForAll(s =>
        {
            var nothing = s.Problem with { Sessions = s.Problem.Sessions.Select(x => WithEnergy(x, 0)).ToList() };
            var plan = ChargingSolver.Solve(nothing, WithoutExactStage);
            return plan.Sessions
                .Where(p => p.SlotCurrentsA.Any(a => a != 0))
                .Select(p => $"session '{p.SessionId}' asked nothing and draws {string.Join(",", p.SlotCurrentsA)}")
                .Concat(PlanChecker.Violations(nothing, plan));
        });
    }

    private static Plan[] SolveAll(SolverOptions? options)
    {
        var plans = new Plan[Iterations];
        Parallel.ForEach(Scenarios.Value, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, s => plans[s.Index] = ChargingSolver.Solve(s.Problem, options));
        return plans;
    }

    /// <summary>Runs the check on every scenario (in parallel; each check is independent) and fails listing the scenarios it found fault with.</summary>
    private static void AssertForAll(Func<SeededProblem, IEnumerable<string>> check)
    {
        var failures = new ConcurrentBag<(SeededProblem Scenario, IReadOnlyList<string> Faults)>();
        Parallel.ForEach(Scenarios.Value, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, s =>
        {
            var faults = check(s).ToList();
            if (faults.Count > 0)
            {
                failures.Add((s, faults));
            }
        });

        if (!failures.IsEmpty)
        {
            var ordered = failures.OrderBy(f => f.Scenario.Index).ToList();
            var shown = ordered.Take(Shown).Select(f =>
                $"scenario #{f.Scenario.Index}, seed \"{f.Scenario.Seed}\":{Environment.NewLine}"
                + string.Join(Environment.NewLine, f.Faults.Take(8).Select(v => "  - " + v)) + Environment.NewLine
                + RandomProblems.Describe(f.Scenario.Problem));
            Assert.Fail(
                $"{ordered.Count} of {Iterations} scenarios failed (#{string.Join(", #", ordered.Select(f => f.Scenario.Index))}).{Environment.NewLine}"
                + string.Join(Environment.NewLine, shown));
        }
    }

    private static IEnumerable<string> Differences(Plan first, Plan second, bool compareWindow = true)
    {
        if (compareWindow && first.Window != second.Window)
        {
            yield return "the windows differ";
        }

        if (first.Status != second.Status)
        {
            yield return $"status {first.Status}, then {second.Status}";
        }

        for (var i = 0; i < Math.Min(first.Sessions.Count, second.Sessions.Count); i++)
        {
            if (!first.Sessions[i].SlotCurrentsA.SequenceEqual(second.Sessions[i].SlotCurrentsA))
            {
                yield return $"session '{first.Sessions[i].SessionId}': {string.Join(",", first.Sessions[i].SlotCurrentsA)}, then {string.Join(",", second.Sessions[i].SlotCurrentsA)}";
            }
        }

        if (Math.Abs(first.Objective - second.Objective) > Slack(first.Objective))
        {
            yield return $"objective {first.Objective}, then {second.Objective}";
        }
    }

    private static Session WithEnergy(Session s, double energyKwh) =>
        new(s.Id, s.ChargerId, s.Arrival, s.Departure, energyKwh, s.MaxCurrentA, s.Phases, s.VehicleId, s.TransactionId, s.MinCurrentA);

    private static double Slack(double value) => PlanChecker.Tolerance * Math.Max(1, Math.Abs(value));
}
