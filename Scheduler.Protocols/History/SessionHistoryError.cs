namespace Scheduler.Protocols.History;

/// <summary>One thing wrong with a session history, where it is.</summary>
/// <param name="Location">
/// The place: a JSON path (<c>$._items[3].connectionTime</c>) or a CSV line and column
/// (<c>line 7, column announcedDeparture</c>).
/// </param>
/// <param name="Message">What was found and what was expected.</param>
public sealed record SessionHistoryError(string Location, string Message)
{
    /// <inheritdoc />
    public override string ToString() => $"{Location}: {Message}";
}
