namespace Scheduler.Protocols.History;

/// <summary>Collects what a history reader finds: sessions, errors (up to <see cref="SessionHistoryReader.MaxErrors"/>) and warnings.</summary>
internal sealed class SessionHistoryCollector(SessionHistoryFormat format)
{
    private readonly List<HistoricalSession> _sessions = [];
    private readonly List<SessionHistoryError> _errors = [];
    private readonly List<string> _warnings = [];
    private readonly Dictionary<string, string> _placeOfId = new(StringComparer.Ordinal);

    /// <summary>True once the cap is reached: later errors are likely consequences, so readers may stop.</summary>
    public bool IsFull => _errors.Count >= SessionHistoryReader.MaxErrors;

    public int ErrorCount => _errors.Count;

    public void Error(string location, string message)
    {
        if (!IsFull)
        {
            _errors.Add(new SessionHistoryError(location, message));
        }
    }

    public void Warning(string location, string message) => _warnings.Add($"{location}: {message}");

    /// <summary>Records an error at <paramref name="location"/> unless <paramref name="id"/> is new; the first place of each id is kept.</summary>
    public bool Unique(string id, string location)
    {
        if (_placeOfId.TryGetValue(id, out var first))
        {
            Error(location, $"is \"{id}\", the id of the session at {first}: expected each session id once");
            return false;
        }

        _placeOfId.Add(id, location);
        return true;
    }

    public void Add(HistoricalSession session) => _sessions.Add(session);

    /// <summary>The result: sessions sorted by arrival then id, or none at all if anything was wrong.</summary>
    public SessionHistoryResult ToResult()
    {
        if (_errors.Count > 0)
        {
            return new SessionHistoryResult(format, [], _errors, _warnings);
        }

        if (_sessions.Count == 0)
        {
            _warnings.Add("the history holds no sessions");
        }

        var sorted = _sessions
            .OrderBy(static s => s.Arrival)
            .ThenBy(static s => s.Id, StringComparer.Ordinal)
            .ToList();
        return new SessionHistoryResult(format, sorted, [], _warnings);
    }
}
