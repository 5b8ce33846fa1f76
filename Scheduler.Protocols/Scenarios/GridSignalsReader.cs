using System.Text.Json;
using Scheduler.Optimizer.Model;
using Scheduler.Protocols.JsonSupport;

namespace Scheduler.Protocols.Scenarios;

/// <summary>
/// Reads a scenario file's <c>gridSignals</c> array on its own (the <c>--signals</c> file of <c>scheduler simulate</c>),
/// with exactly the scenario reader's checks; the paths are those of the array (<c>$[2].end</c>).
/// </summary>
public static class GridSignalsReader
{
    /// <summary>Reads a JSON array of grid signals (<c>id</c>, <c>start</c>, <c>end</c>, <c>maxImportKw</c>).</summary>
    /// <param name="json">The file's text.</param>
    /// <returns>The signals, or the errors found with their paths.</returns>
    public static (IReadOnlyList<GridSignal>? Signals, IReadOnlyList<ScenarioError> Errors) Read(string json)
    {
        using var document = JsonInput.Parse(json, out var problems, textOnly: new HashSet<string>());
        if (document is null)
        {
            return (null, [.. problems.Select(p => new ScenarioError(p.Path, p.Message))]);
        }

        if (document.RootElement.ValueKind != JsonValueKind.Array)
        {
            return (null, [new ScenarioError(JsonPath.Root, $"found {JsonPath.Describe(document.RootElement)}, expected an array of grid signals ({{\"id\", \"start\", \"end\", \"maxImportKw\"}})")]);
        }

        const string Prefix = "$.gridSignals";
        var read = ScenarioReader.Read(ScenarioFragment.Wrap(null, document.RootElement));
        return read.IsValid
            ? (read.Problem.GridSignals, [])
            : (null, [.. read.Errors.Select(e => e with { Path = e.Path.StartsWith(Prefix, StringComparison.Ordinal) ? "$" + e.Path[Prefix.Length..] : e.Path })]);
    }
}
