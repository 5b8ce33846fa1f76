namespace Scheduler.Protocols.OpenAdr;

/// <summary>One thing wrong with (or left out of) an OpenADR 3 event, where it is.</summary>
/// <param name="Path">The JSON path of the offending value, e.g. <c>$[1].intervals[0].payloads</c>.</param>
/// <param name="Message">What was found and what was expected, or why something was not used.</param>
public sealed record OpenAdrIssue(string Path, string Message)
{
    /// <inheritdoc />
    public override string ToString() => $"{Path}: {Message}";
}
