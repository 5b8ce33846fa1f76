using System.Globalization;
using System.Text;

namespace Scheduler.Protocols.Input;

/// <summary>
/// Text from an input shown to a person: a control character (NUL, BEL, ESC, which a terminal acts on), a bidirectional
/// override (which reorders what is shown), a line separator or an unpaired surrogate is never shown raw. Ids that
/// hold one are refused; messages that echo input escape it as <c>\u001B</c>.
/// </summary>
public static class Printable
{
    /// <summary>The most characters of a value a message quotes.</summary>
    public const int MaxQuoted = 60;

    /// <summary>True where <paramref name="c"/> must not reach a terminal raw.</summary>
    public static bool IsHidden(char c) =>
        char.IsControl(c)
        || char.IsSurrogate(c)
        || c is '\u2028' or '\u2029' or '\u200E' or '\u200F' or (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069');

    /// <summary><paramref name="text"/> with every hidden character written as <c>\uXXXX</c>; unchanged when it has none.</summary>
    public static string Escape(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!text.Any(IsHidden))
        {
            return text;
        }

        var escaped = new StringBuilder(text.Length + 8);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                escaped.Append(c).Append(text[++i]);
            }
            else if (IsHidden(c))
            {
                escaped.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:X4}");
            }
            else
            {
                escaped.Append(c);
            }
        }

        return escaped.ToString();
    }

    /// <summary>
    /// <paramref name="text"/> in double quotes for a message: escaped, and cut after <see cref="MaxQuoted"/>
    /// characters with an ellipsis, so that a huge value does not make a huge message.
    /// </summary>
    public static string Quote(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return "\"" + Escape(text.Length > MaxQuoted ? text[..MaxQuoted] + "…" : text) + "\"";
    }

    /// <summary>
    /// What makes <paramref name="id"/> unfit as an id, e.g. <c>holds the control character U+001B at character 3,
    /// expected printable text</c>; null when every character is printable.
    /// </summary>
    public static string? IdProblem(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        for (var i = 0; i < id.Length; i++)
        {
            if (char.IsHighSurrogate(id[i]) && i + 1 < id.Length && char.IsLowSurrogate(id[i + 1]))
            {
                i++;
            }
            else if (IsHidden(id[i]))
            {
                var kind = char.IsSurrogate(id[i]) ? "an unpaired surrogate" : char.IsControl(id[i]) ? "the control character" : "the formatting character";
                return string.Create(CultureInfo.InvariantCulture, $"holds {kind} U+{(int)id[i]:X4} at character {i + 1}, expected printable text");
            }
        }

        return null;
    }
}
