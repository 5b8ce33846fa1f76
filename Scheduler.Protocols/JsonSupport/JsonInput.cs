using System.Globalization;
using System.Text;
using System.Text.Json;
using Scheduler.Protocols.Input;

namespace Scheduler.Protocols.JsonSupport;

/// <summary>
/// How every JSON reader of ours parses its input: within <see cref="InputLimits.MaxInputBytes"/> and
/// <see cref="InputLimits.MaxJsonDepth"/>, as Unicode text, strict JSON (no comments, no trailing commas), then the
/// <see cref="DocumentPrecheck"/> hazards. A problem comes back with its place: a syntax error as
/// <c>not valid JSON at line 3, byte 7 of the line: …</c>, one-based.
/// </summary>
internal static class JsonInput
{
    /// <summary>The most problems reported for one document.</summary>
    public const int MaxProblems = 20;

    private static readonly JsonDocumentOptions Options = new()
    {
        AllowTrailingCommas = false,
        CommentHandling = JsonCommentHandling.Disallow,
        MaxDepth = InputLimits.MaxJsonDepth,
    };

    /// <summary>Parses <paramref name="json"/>.</summary>
    /// <param name="json">The document's text.</param>
    /// <param name="problems">What was wrong, in document order; empty on success.</param>
    /// <param name="textOnly">Passed on to <see cref="DocumentPrecheck.Find"/>: where strings must be printable.</param>
    /// <returns>The document (the caller disposes it), or null with <paramref name="problems"/> filled.</returns>
    public static JsonDocument? Parse(string json, out IReadOnlyList<JsonProblem> problems, IReadOnlySet<string>? textOnly = null)
    {
        ArgumentNullException.ThrowIfNull(json);

        // A UTF-8 file within the limit has no more characters than bytes.
        if (json.Length > InputLimits.MaxInputBytes)
        {
            problems = [new(JsonPath.Root, string.Create(CultureInfo.InvariantCulture, $"the text holds {json.Length:N0} characters, more than the {InputLimits.MaxInputBytes:N0} (64 MiB) a document may hold"), JsonProblemKind.TooLarge)];
            return null;
        }

        if (Utf8Text.FirstUnpairedSurrogate(json) is { } surrogate)
        {
            problems = [new(JsonPath.Root, string.Create(CultureInfo.InvariantCulture, $"the text holds an unpaired surrogate at character {surrogate + 1}, expected Unicode text"), JsonProblemKind.NotUnicode)];
            return null;
        }

        // The tokens are counted in one pass before the document is built: its cost grows with them, not with its bytes.
        var utf8 = Encoding.UTF8.GetBytes(json.StartsWith('\uFEFF') ? json[1..] : json);
        JsonDocument document;
        try
        {
            if (CountTokens(utf8) > InputLimits.MaxJsonTokens)
            {
                problems = [new(JsonPath.Root, string.Create(CultureInfo.InvariantCulture, $"the document holds more than {InputLimits.MaxJsonTokens:N0} values and names, more than one document may hold"), JsonProblemKind.TooLarge)];
                return null;
            }

            document = JsonDocument.Parse(utf8, Options);
        }
        catch (JsonException e)
        {
            problems = [new(JsonPath.Root, SyntaxMessage(e), JsonProblemKind.Syntax)];
            return null;
        }

        var hazards = DocumentPrecheck.Find(document.RootElement, MaxProblems, textOnly);
        if (hazards.Count > 0)
        {
            document.Dispose();
            problems = hazards;
            return null;
        }

        problems = [];
        return document;
    }

    /// <summary>The tokens of <paramref name="utf8"/>, up to one more than the limit.</summary>
    /// <exception cref="JsonException">The text is not JSON.</exception>
    private static long CountTokens(byte[] utf8)
    {
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions
        {
            AllowTrailingCommas = Options.AllowTrailingCommas,
            CommentHandling = Options.CommentHandling,
            MaxDepth = Options.MaxDepth,
        });
        long tokens = 0;
        while (reader.Read() && tokens <= InputLimits.MaxJsonTokens)
        {
            tokens++;
        }

        return tokens;
    }

    /// <summary>The message of a syntax error, with its one-based line and byte.</summary>
    public static string SyntaxMessage(JsonException e)
    {
        ArgumentNullException.ThrowIfNull(e);

        // The parser's message ends with its own zero-based position; we give a one-based one instead.
        var reason = e.Message;
        var cut = reason.IndexOf(" LineNumber:", StringComparison.Ordinal);
        if (cut >= 0)
        {
            reason = reason[..cut];
        }

        reason = Printable.Escape(reason);
        if (e.LineNumber is not { } line || e.BytePositionInLine is not { } column)
        {
            return $"not valid JSON: {reason}";
        }

        return string.Create(CultureInfo.InvariantCulture, $"not valid JSON at line {line + 1}, byte {column + 1} of the line: {reason}");
    }
}
