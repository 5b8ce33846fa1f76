using System.Text.Json;
using Scheduler.Optimizer.Model;
using Scheduler.Protocols.JsonSupport;

namespace Scheduler.Protocols.Scenarios;

/// <summary>
/// Reads a scenario file's <c>site</c> object on its own (a site file of <c>scheduler simulate</c>, the site of a
/// <c>site</c> message), with exactly the scenario reader's checks and JSON paths (<c>$.site…</c>).
/// </summary>
public static class SiteReader
{
    /// <summary>Reads a site object.</summary>
    /// <param name="site">The site object.</param>
    /// <returns>The site, or the errors found with their paths below <c>$.site</c>.</returns>
    public static (Site? Site, IReadOnlyList<ScenarioError> Errors) Read(JsonElement site)
    {
        if (site.ValueKind != JsonValueKind.Object)
        {
            return (null, [new ScenarioError("$.site", $"found {site.ValueKind.ToString().ToLowerInvariant()}, expected the scenario's site object")]);
        }

        var read = ScenarioReader.Read(ScenarioFragment.Wrap(site, null));
        return read.IsValid && read.Problem is not null ? (read.Problem.Site, []) : (null, read.Errors);
    }

    /// <summary>Reads a site file: a JSON document that is a site object, or a scenario file whose site is taken.</summary>
    /// <param name="json">The file's text.</param>
    /// <returns>The site, or the errors found with their paths.</returns>
    public static (Site? Site, IReadOnlyList<ScenarioError> Errors) Read(string json)
    {
        using var document = JsonInput.Parse(json, out var problems, textOnly: new HashSet<string>());
        if (document is null)
        {
            return (null, [.. problems.Select(p => new ScenarioError(p.Path, p.Message))]);
        }

        var root = document.RootElement;
        return root.ValueKind == JsonValueKind.Object && root.TryGetProperty("site", out var inner) && root.TryGetProperty("version", out _)
            ? Read(inner)
            : Read(root);
    }
}
