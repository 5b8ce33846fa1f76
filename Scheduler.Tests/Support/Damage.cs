namespace Scheduler.Tests.Support;

/// <summary>
/// Damaged copies of a real input, as a truncated download, a mistyped edit or a corrupted transfer would leave it:
/// cut off at evenly spread places, one character replaced by a character that breaks syntax or sense, and one number
/// replaced by a value far out of range. Deterministic, so a failure names its copy.
/// </summary>
internal static class Damage
{
    private static readonly string[] Replacements = ["\"", "{", "]", ",", "-", "0", "9", "é", "\u0000", "\u001b", "1e309", "99999999999999999999", "-1", "null", "true", "\\u0000", "\\ud800"];

    /// <summary>About <paramref name="count"/> damaged copies of <paramref name="text"/>, each with what was done to it.</summary>
    public static IEnumerable<(string What, string Text)> Of(string text, int count)
    {
        var step = Math.Max(1, text.Length / Math.Max(1, count / 2));
        for (var at = 0; at < text.Length; at += step)
        {
            yield return ($"cut at {at}", text[..at]);
        }

        var n = 0;
        for (var at = step / 2; at < text.Length; at += step)
        {
            var replacement = Replacements[n++ % Replacements.Length];
            yield return ($"{replacement} at {at}", text[..at] + replacement + text[(at + 1)..]);
        }
    }
}
