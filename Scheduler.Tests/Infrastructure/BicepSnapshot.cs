using System.Text;
using System.Text.Json.Nodes;

namespace Scheduler.Tests.Infrastructure;

/// <summary>
/// What a deployment of <c>infra/main.bicep</c> would create, as <c>bicep snapshot</c> predicts it offline: every
/// resource with its parameters and names resolved; only values known after deployment (an identity's client id, an
/// endpoint) stay ARM expressions.
/// </summary>
internal sealed class BicepSnapshot
{
    /// <summary>The subscription the snapshot pretends to deploy to.</summary>
    public const string SubscriptionId = "11111111-2222-3333-4444-555555555555";

    /// <summary>The resource group the snapshot pretends to deploy to.</summary>
    public const string ResourceGroup = "rg-scheduler-test";

    private BicepSnapshot(JsonObject root)
    {
        Resources = [.. root["predictedResources"]!.AsArray().OfType<JsonObject>()];
        Outputs = root["outputs"]?.AsObject() ?? [];
    }

    /// <summary>The predicted resources.</summary>
    public IReadOnlyList<JsonObject> Resources { get; }

    /// <summary>The template's outputs, resolved where they can be.</summary>
    public JsonObject Outputs { get; }

    /// <summary>
    /// Takes a snapshot of <c>infra/main.bicep</c> with <paramref name="parameters"/> (name to Bicep literal). The
    /// infra folder is copied to a temporary folder first, because a parameters file must sit below its template
    /// and the snapshot is written beside it.
    /// </summary>
    public static BicepSnapshot Take(IReadOnlyDictionary<string, string> parameters)
    {
        var folder = Path.Combine(Path.GetTempPath(), "scheduler-bicep-" + Guid.NewGuid().ToString("N"));
        try
        {
            CopyFolder(BicepCli.InfraFolder, Path.Combine(folder, "infra"));
            var text = new StringBuilder("using 'infra/main.bicep'\n");
            foreach (var (name, literal) in parameters)
            {
                text.Append("param ").Append(name).Append(" = ").Append(literal).Append('\n');
            }

            File.WriteAllText(Path.Combine(folder, "test.bicepparam"), text.ToString());
            var result = BicepCli.Run(
                folder, "snapshot", "test.bicepparam", "--mode", "overwrite",
                "--subscription-id", SubscriptionId, "--resource-group", ResourceGroup, "--location", "westeurope");
            if (result.ExitCode != 0)
            {
                throw new InvalidOperationException($"bicep snapshot failed ({result.ExitCode}): {result.StandardError}{result.StandardOutput}");
            }

            return new BicepSnapshot(JsonNode.Parse(File.ReadAllText(Path.Combine(folder, "test.snapshot.json")))!.AsObject());
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>The single predicted resource of <paramref name="type"/>.</summary>
    public JsonObject Single(string type) =>
        Assert.Single(Resources, r => string.Equals((string?)r["type"], type, StringComparison.OrdinalIgnoreCase));

    /// <summary>The predicted resources of <paramref name="type"/>.</summary>
    public IReadOnlyList<JsonObject> OfType(string type) =>
        [.. Resources.Where(r => string.Equals((string?)r["type"], type, StringComparison.OrdinalIgnoreCase))];

    /// <summary>The function app's settings, name to value (values known only after deployment are ARM expressions).</summary>
    public IReadOnlyDictionary<string, string> AppSettings() =>
        Single("Microsoft.Web/sites")["properties"]!["siteConfig"]!["appSettings"]!.AsArray()
            .Select(s => s!.AsObject())
            .ToDictionary(s => (string)s["name"]!, s => (string)s["value"]!, StringComparer.Ordinal);

    private static void CopyFolder(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        }

        foreach (var folder in Directory.GetDirectories(from))
        {
            CopyFolder(folder, Path.Combine(to, Path.GetFileName(folder)));
        }
    }
}
