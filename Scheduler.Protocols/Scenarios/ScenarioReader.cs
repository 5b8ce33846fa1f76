using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;
using Scheduler.Optimizer.Model;
using Scheduler.Protocols.JsonSupport;

namespace Scheduler.Protocols.Scenarios;

/// <summary>
/// Reads a scenario file (v1, see <c>Schemas/scenario.v1.schema.json</c>) into a <see cref="PlanningProblem"/>.
/// Bad input never throws: it comes back as errors with the JSON path of the offending value.
/// </summary>
public static class ScenarioReader
{
    /// <summary>The most errors reported for one file; after these, the rest are likely consequences.</summary>
    public const int MaxErrors = 20;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Reads a scenario from its JSON text.</summary>
    /// <param name="json">The whole file.</param>
    /// <returns>The problem, or the first problems found in the file (at most <see cref="MaxErrors"/>).</returns>
    public static ScenarioReadResult Read(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        byte[] utf8;
        try
        {
            utf8 = StrictUtf8.GetBytes(json);
        }
        catch (EncoderFallbackException e)
        {
            return ScenarioReadResult.Failure(JsonPath.Root, $"the text holds an unpaired surrogate at character {(e.Index + 1).ToString(CultureInfo.InvariantCulture)}, expected Unicode text");
        }

        return ReadUtf8(utf8);
    }

    /// <summary>Reads a scenario from a stream of UTF-8 JSON (a byte order mark is allowed); the stream is read to its end, not closed.</summary>
    /// <param name="utf8Json">The file's bytes.</param>
    /// <returns>The problem, or the first problems found in the file (at most <see cref="MaxErrors"/>).</returns>
    /// <exception cref="IOException">The stream could not be read.</exception>
    public static ScenarioReadResult Read(Stream utf8Json)
    {
        ArgumentNullException.ThrowIfNull(utf8Json);
        using var buffer = new MemoryStream();
        utf8Json.CopyTo(buffer);
        return ReadUtf8(buffer.GetBuffer().AsMemory(0, (int)buffer.Length));
    }

    private static ScenarioReadResult ReadUtf8(ReadOnlyMemory<byte> utf8)
    {
        var bom = Encoding.UTF8.Preamble;
        if (utf8.Span.StartsWith(bom))
        {
            utf8 = utf8[bom.Length..];
        }

        if (FirstInvalidUtf8Byte(utf8.Span) is { } offset)
        {
            return ScenarioReadResult.Failure(JsonPath.Root, $"not UTF-8: an invalid byte sequence at byte offset {offset.ToString(CultureInfo.InvariantCulture)}, expected UTF-8 text");
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(utf8);
        }
        catch (JsonException e)
        {
            return ScenarioReadResult.Failure(JsonPath.Root, SyntaxMessage(e));
        }

        using (document)
        {
            var root = document.RootElement;
            var hazards = DocumentPrecheck.Find(root, MaxErrors);
            if (hazards.Count > 0)
            {
                return ScenarioReadResult.Failure(hazards.Select(h => new ScenarioError(h.Path, h.Message)).ToList());
            }

            var violations = EmbeddedSchema.Scenario.Validate(root, MaxErrors);
            if (violations.Count > 0)
            {
                return ScenarioReadResult.Failure(violations.Select(v => new ScenarioError(v.Location.Path, v.Message)).ToList());
            }

            var converter = new ScenarioConverter();
            var problem = converter.Convert(root);
            if (problem is null)
            {
                return ScenarioReadResult.Failure(converter.Errors.Take(MaxErrors).ToList());
            }

            var issues = ProblemValidator.Validate(problem);
            if (issues.Count > 0)
            {
                return ScenarioReadResult.Failure(issues.Take(MaxErrors).Select(ToError).ToList());
            }

            return ScenarioReadResult.Success(problem);
        }
    }

    private static ScenarioError ToError(ProblemIssue issue)
    {
        var path = issue.Path.Length == 0 ? JsonPath.Root
            : issue.Path.StartsWith('[') ? JsonPath.Root + issue.Path
            : JsonPath.Root + "." + issue.Path;
        return new ScenarioError(path, issue.Message);
    }

    private static string SyntaxMessage(JsonException e)
    {
        // The parser's message ends with its own zero-based position; we give a one-based one instead.
        var reason = e.Message;
        var cut = reason.IndexOf(" LineNumber:", StringComparison.Ordinal);
        if (cut >= 0)
        {
            reason = reason[..cut];
        }

        if (e.LineNumber is not { } line || e.BytePositionInLine is not { } column)
        {
            return $"not valid JSON: {reason}";
        }

        return string.Create(CultureInfo.InvariantCulture, $"not valid JSON at line {line + 1}, byte {column + 1} of the line: {reason}");
    }

    private static long? FirstInvalidUtf8Byte(ReadOnlySpan<byte> utf8)
    {
        if (Utf8.IsValid(utf8))
        {
            return null;
        }

        var offset = 0;
        while (offset < utf8.Length)
        {
            var status = Rune.DecodeFromUtf8(utf8[offset..], out _, out var consumed);
            if (status != OperationStatus.Done)
            {
                return offset;
            }

            offset += consumed;
        }

        return offset;
    }
}
