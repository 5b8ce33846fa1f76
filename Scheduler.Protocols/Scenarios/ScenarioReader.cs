using Scheduler.Optimizer.Model;
using Scheduler.Protocols.Input;
using Scheduler.Protocols.JsonSupport;

namespace Scheduler.Protocols.Scenarios;

/// <summary>
/// Reads a scenario file (v1, see <c>Schemas/scenario.v1.schema.json</c>) into a <see cref="PlanningProblem"/>.
/// Bad input never throws: it comes back as errors with the JSON path of the offending value. Every size is
/// checked against <see cref="InputLimits"/> before the content is: the lists' lengths before their items, the
/// window and its session-slots before the problem is planned.
/// </summary>
public static class ScenarioReader
{
    /// <summary>The most errors reported for one file; after these, the rest are likely consequences.</summary>
    public const int MaxErrors = 20;

    /// <summary>Reads a scenario from its JSON text.</summary>
    /// <param name="json">The whole file.</param>
    /// <returns>The problem, or the first problems found in the file (at most <see cref="MaxErrors"/>).</returns>
    public static ScenarioReadResult Read(string json)
    {
        ArgumentNullException.ThrowIfNull(json);

        // Every string of a scenario is an id, an instant, a zone or a code: none may hold a control character.
        using var document = JsonInput.Parse(json, out var problems, textOnly: new HashSet<string>());
        if (document is null)
        {
            return ScenarioReadResult.Failure(problems.Select(p => new ScenarioError(p.Path, p.Message)).ToList());
        }

        var root = document.RootElement;
        var oversized = PlanningLimits.Check(root);
        if (oversized.Count > 0)
        {
            return ScenarioReadResult.Failure(oversized);
        }

        var violations = EmbeddedSchema.Scenario.Validate(root, MaxErrors);
        if (violations.Count > 0)
        {
            return ScenarioReadResult.Failure(violations.Select(v => new ScenarioError(v.Location.Path, v.Message)).ToList());
        }

        var converter = new ScenarioConverter();
        var problem = converter.Convert(root);
        if (problem is null)
        {
            return ScenarioReadResult.Failure(converter.Errors.Take(MaxErrors).ToList());
        }

        var issues = ProblemValidator.Validate(problem);
        if (issues.Count > 0)
        {
            return ScenarioReadResult.Failure(issues.Take(MaxErrors).Select(ToError).ToList());
        }

        var size = PlanningLimits.Check(problem);
        return size.Count > 0 ? ScenarioReadResult.Failure(size) : ScenarioReadResult.Success(problem);
    }

    /// <summary>Reads a scenario from a stream of UTF-8 JSON (a byte order mark is allowed); the stream is read to its end, not closed.</summary>
    /// <param name="utf8Json">The file's bytes.</param>
    /// <returns>The problem, or the first problems found in the file (at most <see cref="MaxErrors"/>).</returns>
    /// <exception cref="IOException">The stream could not be read.</exception>
    public static ScenarioReadResult Read(Stream utf8Json)
    {
        var text = Utf8Text.Read(utf8Json, out var problem);
        return text is null ? ScenarioReadResult.Failure(JsonPath.Root, "the file " + problem) : Read(text);
    }

    private static ScenarioError ToError(ProblemIssue issue)
    {
        var path = issue.Path.Length == 0 ? JsonPath.Root
            : issue.Path.StartsWith('[') ? JsonPath.Root + issue.Path
            : JsonPath.Root + "." + issue.Path;
        return new ScenarioError(path, issue.Message);
    }
}
