using Scheduler.Functions.Planning;

namespace Scheduler.Functions.Sessions;

/// <summary>
/// A site's sessions as one plan reads them, once: the running ones, and those of the latest plan that have stopped
/// since. The history, the scenario and the billing of that plan all see this one read, so that a session stopping
/// while the plan is made is either running or stopped for all of them, never both.
/// </summary>
/// <param name="Running">The running sessions (with their row versions, for the planner's writes after the plan).</param>
/// <param name="Stopped">The sessions of the latest plan that have stopped since, as read.</param>
public sealed record SiteSessions(IReadOnlyList<SessionRecord> Running, IReadOnlyList<SessionRecord> Stopped)
{
    /// <summary>Reads the site's running sessions, then each session of <paramref name="previous"/> that is not running any more.</summary>
    public static async Task<SiteSessions> ReadAsync(SessionStore sessions, string siteId, PlanInputs? previous, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sessions);
        var running = await sessions.ListActiveAsync(siteId, cancellationToken).ConfigureAwait(false);
        var runningIds = running.Select(s => s.Id).ToHashSet(StringComparer.Ordinal);
        var stopped = new List<SessionRecord>();
        foreach (var input in previous?.Sessions.Where(s => !runningIds.Contains(s.SessionId)) ?? [])
        {
            if (await sessions.GetAsync(siteId, input.SessionId, cancellationToken).ConfigureAwait(false) is { StoppedAt: not null } record)
            {
                stopped.Add(record);
            }
        }

        return new SiteSessions(running, stopped);
    }
}
