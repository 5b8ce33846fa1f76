using System.Text.Json;

namespace Scheduler.Functions.Sites;

/// <summary>
/// A <c>site</c> message that names its document instead of carrying it: <c>{ "type": "site", "version": 1, "id": "…",
/// "siteDocument": "depot-1/2026-03-01.json" }</c>; the document, a blob of <c>site-documents</c>, is the whole site message.
/// </summary>
public static class SiteReference
{
    /// <summary>The property that names the document.</summary>
    public const string Property = "siteDocument";

    /// <summary>The document a message names, or null when it carries its site itself.</summary>
    public static string? DocumentOf(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty(Property, out var name) && name.ValueKind == JsonValueKind.String
                ? name.GetString()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
