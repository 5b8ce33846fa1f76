using System.Diagnostics.CodeAnalysis;
using Scheduler.Optimizer.Model;

namespace Scheduler.Protocols.Scenarios;

/// <summary>What <see cref="ScenarioReader"/> made of a scenario file: a problem to plan, or the errors that prevent it.</summary>
public sealed class ScenarioReadResult
{
    private ScenarioReadResult(PlanningProblem? problem, IReadOnlyList<ScenarioError> errors)
    {
        Problem = problem;
        Errors = errors;
    }

    /// <summary>The problem read; null when there are errors.</summary>
    public PlanningProblem? Problem { get; }

    /// <summary>The first problems found in the file (at most about 20), in file order; empty when it is valid.</summary>
    public IReadOnlyList<ScenarioError> Errors { get; }

    /// <summary>True when the file could be read into a valid <see cref="Problem"/>.</summary>
    [MemberNotNullWhen(true, nameof(Problem))]
    public bool IsValid => Problem is not null;

    internal static ScenarioReadResult Success(PlanningProblem problem) => new(problem, []);

    internal static ScenarioReadResult Failure(IReadOnlyList<ScenarioError> errors) => new(null, errors);

    internal static ScenarioReadResult Failure(string path, string message) => new(null, [new ScenarioError(path, message)]);
}
