namespace Scheduler.Protocols.History;

/// <summary>What <see cref="SessionHistoryReader"/> made of a session history: the sessions, or the errors that stopped it.</summary>
public sealed record SessionHistoryResult
{
    /// <summary>Creates a result.</summary>
    /// <param name="format">The format read; null where the text was in neither format.</param>
    /// <param name="sessions">The sessions sorted by arrival, then id; empty where <paramref name="errors"/> is not.</param>
    /// <param name="errors">What was wrong, in document order (at most <see cref="SessionHistoryReader.MaxErrors"/>).</param>
    /// <param name="warnings">What was read but left out or ignored, e.g. a CSV column the reader does not know.</param>
    public SessionHistoryResult(
        SessionHistoryFormat? format,
        IReadOnlyList<HistoricalSession> sessions,
        IReadOnlyList<SessionHistoryError> errors,
        IReadOnlyList<string> warnings)
    {
        Format = format;
        Sessions = sessions ?? throw new ArgumentNullException(nameof(sessions));
        Errors = errors ?? throw new ArgumentNullException(nameof(errors));
        Warnings = warnings ?? throw new ArgumentNullException(nameof(warnings));
    }

    /// <summary>The format read; null where the text was in neither format.</summary>
    public SessionHistoryFormat? Format { get; }

    /// <summary>The sessions, sorted by arrival, then id (ordinal); empty where there are errors.</summary>
    public IReadOnlyList<HistoricalSession> Sessions { get; }

    /// <summary>Errors with their place, in document order; empty when the history was read.</summary>
    public IReadOnlyList<SessionHistoryError> Errors { get; }

    /// <summary>Things read but left out or ignored, each with its place.</summary>
    public IReadOnlyList<string> Warnings { get; }

    /// <summary>True when there are no errors.</summary>
    public bool IsValid => Errors.Count == 0;
}
