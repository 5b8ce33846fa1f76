using System.Globalization;
using System.Text;
using System.Text.Json;
using Scheduler.Protocols.Input;

namespace Scheduler.Protocols.JsonSupport;

/// <summary>Builds JSON paths in the <c>$.site.chargers[2].maxCurrentA</c> form that readers report errors with.</summary>
public static class JsonPath
{
    /// <summary>The path of the document's root.</summary>
    public const string Root = "$";

    /// <summary>The path of property <paramref name="name"/> below <paramref name="parent"/>; names that are not plain identifiers are bracketed.</summary>
    public static string Property(string parent, string name)
    {
        if (IsPlainName(name))
        {
            return parent + "." + name;
        }

        // A name from the input is shown escaped and cut short, as any echoed value is.
        var shown = name.Length > Printable.MaxQuoted ? name[..Printable.MaxQuoted] + "…" : name;
        var escaped = new StringBuilder(shown.Length + 2);
        foreach (var c in shown)
        {
            escaped.Append(c is '\'' or '\\' ? "\\" + c : c.ToString());
        }

        return parent + "['" + Printable.Escape(escaped.ToString()) + "']";
    }

    /// <summary>The path of item <paramref name="index"/> of the array at <paramref name="parent"/>.</summary>
    public static string Index(string parent, int index) =>
        parent + "[" + index.ToString(CultureInfo.InvariantCulture) + "]";

    /// <summary>
    /// Finds the place a JSON Pointer (RFC 6901, e.g. <c>/sessions/3/departure</c>) names in <paramref name="root"/>.
    /// A numeric step is an array index only where the document has an array there.
    /// </summary>
    internal static JsonLocation Locate(JsonElement root, string pointer)
    {
        var location = JsonLocation.Root(root);
        if (pointer.Length == 0)
        {
            return location;
        }

        foreach (var raw in pointer.TrimStart('/').Split('/'))
        {
            var step = raw.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
            location = location.Value is { ValueKind: JsonValueKind.Array }
                && int.TryParse(step, NumberStyles.None, CultureInfo.InvariantCulture, out var index)
                ? location.Item(index)
                : location.Child(step);
        }

        return location;
    }

    /// <summary>Describes a value for a message: numbers and short strings as written, containers by kind.</summary>
    public static string Describe(JsonElement? value) => value switch
    {
        null => "nothing",
        { ValueKind: JsonValueKind.Object } => "an object",
        { ValueKind: JsonValueKind.Array } v => v.GetArrayLength() == 0 ? "an empty array" : "an array",
        { ValueKind: JsonValueKind.String } v => Printable.Quote(v.GetString() ?? string.Empty),
        { } v => v.GetRawText(),
    };

    private static bool IsPlainName(string name)
    {
        if (name.Length == 0 || !(char.IsAsciiLetter(name[0]) || name[0] == '_'))
        {
            return false;
        }

        foreach (var c in name)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c == '_'))
            {
                return false;
            }
        }

        return true;
    }
}
