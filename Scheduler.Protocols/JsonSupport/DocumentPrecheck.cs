using System.Text.Json;
using Scheduler.Protocols.Input;

namespace Scheduler.Protocols.JsonSupport;

/// <summary>
/// What must be refused before schema validation: properties an object holds twice (parsers disagree on which one
/// wins, so the file is ambiguous), numbers beyond the range of a decimal (the validator compares numbers as
/// decimals and would fail on them; no field of our files comes near that range), and strings that are not Unicode
/// text (an escaped <c>\ud800</c> without its pair, which no writer can write back). Where every string of a document
/// is an id, an instant or a name, a string with a control character is refused too.
/// </summary>
internal static class DocumentPrecheck
{
    /// <summary>The problems found, in document order, at most <paramref name="max"/>.</summary>
    /// <param name="root">The document.</param>
    /// <param name="max">The most problems to report.</param>
    /// <param name="textOnly">
    /// Where strings must be printable text (ids, instants, names): null to allow any string; else the paths of
    /// subtrees exempt from it (e.g. <c>$.event</c>, an OpenADR event with free-text fields of its own).
    /// </param>
    public static IReadOnlyList<JsonProblem> Find(JsonElement root, int max, IReadOnlySet<string>? textOnly = null)
    {
        var found = new List<JsonProblem>();
        Visit(root, JsonPath.Root, found, max, textOnly);
        return found;
    }

    private static void Visit(JsonElement element, string path, List<JsonProblem> found, int max, IReadOnlySet<string>? textOnly)
    {
        if (found.Count >= max)
        {
            return;
        }

        if (textOnly is not null && textOnly.Contains(path))
        {
            textOnly = null;
        }

        switch (element.ValueKind)
        {
            case JsonValueKind.Number when !element.TryGetDecimal(out _):
                found.Add(new(path, $"found {Shorten(element.GetRawText())}, expected a number between -7.9e28 and 7.9e28 with at most 28 decimals", JsonProblemKind.NumberOutOfRange));
                break;
            case JsonValueKind.String:
                if (TextProblem(element, path, textOnly is not null) is { } problem)
                {
                    found.Add(problem);
                }

                break;
            case JsonValueKind.Object:
                VisitObject(element, path, found, max, textOnly);
                break;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    Visit(item, JsonPath.Index(path, index++), found, max, textOnly);
                }

                break;
        }
    }

    private static void VisitObject(JsonElement element, string path, List<JsonProblem> found, int max, IReadOnlySet<string>? textOnly)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        var index = 0;
        foreach (var property in element.EnumerateObject())
        {
            string name;
            try
            {
                name = property.Name;
            }
            catch (InvalidOperationException)
            {
                found.Add(new(path, $"the name of the object's property {index + 1} holds an unpaired surrogate (an escaped \\ud800 to \\udfff without its pair), expected Unicode text", JsonProblemKind.NotUnicode));
                return;
            }

            var propertyPath = JsonPath.Property(path, name);
            if (!names.Add(name) && found.Count < max)
            {
                found.Add(new(propertyPath, "the property appears more than once in its object, expected it once", JsonProblemKind.DuplicateProperty));
            }

            Visit(property.Value, propertyPath, found, max, textOnly);
            index++;
        }
    }

    private static JsonProblem? TextProblem(JsonElement element, string path, bool printableOnly)
    {
        string text;
        try
        {
            text = element.GetString() ?? string.Empty;
        }
        catch (InvalidOperationException)
        {
            return new(path, "the string holds an unpaired surrogate (an escaped \\ud800 to \\udfff without its pair), expected Unicode text", JsonProblemKind.NotUnicode);
        }

        return printableOnly && Printable.IdProblem(text) is { } problem
            ? new(path, $"found {Printable.Quote(text)}, which {problem}", JsonProblemKind.NotPrintable)
            : null;
    }

    private static string Shorten(string raw) => raw.Length > Printable.MaxQuoted ? raw[..Printable.MaxQuoted] + "…" : raw;
}
