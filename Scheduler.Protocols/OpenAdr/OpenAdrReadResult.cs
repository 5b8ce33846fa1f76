namespace Scheduler.Protocols.OpenAdr;

/// <summary>What <see cref="OpenAdrEventReader"/> made of a document: the events read, and the errors and warnings found.</summary>
/// <param name="Events">The events that were read without error, in document order.</param>
/// <param name="Errors">The problems that kept an event (or the document) from being read, in document order.</param>
/// <param name="Warnings">Things read but not used (e.g. an unsupported <c>event.duration</c>).</param>
public sealed record OpenAdrReadResult(
    IReadOnlyList<OpenAdrEvent> Events,
    IReadOnlyList<OpenAdrIssue> Errors,
    IReadOnlyList<OpenAdrIssue> Warnings)
{
    /// <summary>True when the whole document was read without error.</summary>
    public bool IsValid => Errors.Count == 0;
}
