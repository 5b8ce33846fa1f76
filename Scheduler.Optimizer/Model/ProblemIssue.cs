namespace Scheduler.Optimizer.Model;

/// <summary>
/// One thing wrong with a <see cref="PlanningProblem"/>. <see cref="Path"/> names the place in the scenario
/// file's terms, e.g. <c>sessions[3].chargerId</c>, so a reader can report it as a JSON path.
/// </summary>
/// <param name="Path">Where: property names and list indices, dot-separated, without a leading <c>$</c>.</param>
/// <param name="Message">What is wrong and what was expected.</param>
public sealed record ProblemIssue(string Path, string Message)
{
    /// <inheritdoc />
    public override string ToString() => $"{Path}: {Message}";
}
