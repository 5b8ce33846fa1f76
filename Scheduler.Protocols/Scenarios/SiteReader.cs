using System.Text;
using System.Text.Json;
using Scheduler.Optimizer.Model;

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

        var read = ScenarioReader.Read(Wrap(site));
        return read.IsValid && read.Problem is not null ? (read.Problem.Site, []) : (null, read.Errors);
    }

    /// <summary>Reads a site file: a JSON document that is a site object, or a scenario file whose site is taken.</summary>
    /// <param name="json">The file's text.</param>
    /// <returns>The site, or the errors found with their paths.</returns>
    public static (Site? Site, IReadOnlyList<ScenarioError> Errors) Read(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            return root.ValueKind == JsonValueKind.Object && root.TryGetProperty("site", out var inner) && root.TryGetProperty("version", out _)
                ? Read(inner)
                : Read(root);
        }
        catch (JsonException e)
        {
            return (null, [new ScenarioError("$", $"not valid JSON at line {(e.LineNumber ?? 0) + 1}, byte {(e.BytePositionInLine ?? 0) + 1}")]);
        }
    }

    // The site object alone does not make a scenario: give it a one-slot window and a price so that the reader checks it.
    private static string Wrap(JsonElement site)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteNumber("version", 1);
            writer.WritePropertyName("site");
            site.WriteTo(writer);
            writer.WriteStartObject("tariff");
            writer.WriteString("currency", "EUR");
            writer.WriteStartArray("prices");
            writer.WriteStartObject();
            writer.WriteString("start", "2026-01-01T00:00:00Z");
            writer.WriteString("end", "2026-01-01T00:15:00Z");
            writer.WriteNumber("perKwh", 0);
            writer.WriteEndObject();
            writer.WriteEndArray();
            writer.WriteEndObject();
            writer.WriteStartArray("sessions");
            writer.WriteEndArray();
            writer.WriteStartObject("planning");
            writer.WriteString("start", "2026-01-01T00:00:00Z");
            writer.WriteString("end", "2026-01-01T00:15:00Z");
            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
