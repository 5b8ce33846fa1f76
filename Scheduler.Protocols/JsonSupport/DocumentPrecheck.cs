using System.Text.Json;

namespace Scheduler.Protocols.JsonSupport;

/// <summary>
/// What must be refused before schema validation: properties an object holds twice (parsers disagree on which one
/// wins, so the file is ambiguous) and numbers beyond the range of a decimal (the validator compares numbers as
/// decimals and would fail on them; no field of our files comes near that range).
/// </summary>
internal static class DocumentPrecheck
{
    /// <summary>The problems found, in document order, at most <paramref name="max"/>.</summary>
    public static IReadOnlyList<(string Path, string Message)> Find(JsonElement root, int max)
    {
        var found = new List<(string, string)>();
        Visit(root, JsonPath.Root, found, max);
        return found;
    }

    private static void Visit(JsonElement element, string path, List<(string, string)> found, int max)
    {
        if (found.Count >= max)
        {
            return;
        }

        switch (element.ValueKind)
        {
            case JsonValueKind.Number when !element.TryGetDecimal(out _):
                found.Add((path, $"found {element.GetRawText()}, expected a number between -7.9e28 and 7.9e28 with at most 28 decimals"));
                break;
            case JsonValueKind.Object:
                var names = new HashSet<string>(StringComparer.Ordinal);
                foreach (var property in element.EnumerateObject())
                {
                    var propertyPath = JsonPath.Property(path, property.Name);
                    if (!names.Add(property.Name) && found.Count < max)
                    {
                        found.Add((propertyPath, "the property appears more than once in its object, expected it once"));
                    }

                    Visit(property.Value, propertyPath, found, max);
                }

                break;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    Visit(item, JsonPath.Index(path, index++), found, max);
                }

                break;
        }
    }
}
