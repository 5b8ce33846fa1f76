using System.Text.Json.Nodes;

namespace Scheduler.Tests.Infrastructure;

/// <summary>
/// The ARM JSON that <c>bicep build</c> makes of <c>infra/main.bicep</c>, with the resources of every module (a nested
/// deployment) flattened into one list.
/// </summary>
internal sealed class ArmTemplate
{
    private ArmTemplate(JsonObject root)
    {
        Root = root;
        Resources = [.. Declared(root)];
    }

    /// <summary>The whole template.</summary>
    public JsonObject Root { get; }

    /// <summary>Every resource the template and its modules declare (not those they only reference as existing).</summary>
    public IReadOnlyList<JsonObject> Resources { get; }

    /// <summary>The template's text, for searches across all of it.</summary>
    public string Text => Root.ToJsonString();

    private static readonly Lazy<ArmTemplate> MainTemplate = new(BuildMain);

    /// <summary><c>infra/main.bicep</c> built once for all the tests that read it.</summary>
    public static ArmTemplate Main => MainTemplate.Value;

    /// <summary>Builds <c>infra/main.bicep</c> and reads the result.</summary>
    public static ArmTemplate BuildMain()
    {
        var result = BicepCli.Run(BicepCli.InfraFolder, "build", "main.bicep", "--stdout");
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"bicep build failed ({result.ExitCode}): {result.StandardError}");
        }

        return new ArmTemplate(JsonNode.Parse(result.StandardOutput)!.AsObject());
    }

    /// <summary>The declared resources of one type.</summary>
    public IReadOnlyList<JsonObject> OfType(string type) =>
        [.. Resources.Where(r => string.Equals((string?)r["type"], type, StringComparison.OrdinalIgnoreCase))];

    /// <summary>The single declared resource of <paramref name="type"/>.</summary>
    public JsonObject Single(string type) => Assert.Single(OfType(type));

    private static IEnumerable<JsonObject> Declared(JsonObject template)
    {
        // languageVersion 2.0 templates keep resources by symbolic name; older ones in an array.
        var resources = template["resources"] switch
        {
            JsonObject byName => byName.Select(p => p.Value),
            JsonArray list => list.AsEnumerable(),
            _ => [],
        };
        foreach (var resource in resources.OfType<JsonObject>())
        {
            if ((bool?)resource["existing"] == true)
            {
                continue;
            }

            yield return resource;
            if (resource["properties"]?["template"] is JsonObject nested)
            {
                foreach (var inner in Declared(nested))
                {
                    yield return inner;
                }
            }
        }
    }
}
