using NodaTime;

namespace Scheduler.Protocols.Messages;

/// <summary>
/// A step of a plan for a vehicle controlled through its maker's API (message type <c>vehicle-command</c>): at
/// <see cref="DueAt"/>, bring the session's vehicle to what the plan allows then, and queue the next step.
/// </summary>
public sealed record VehicleCommandMessage
{
    /// <summary>The most attempts of one step: 100.</summary>
    public const int MaxAttempt = 100;

    /// <summary>Creates the message.</summary>
    /// <param name="id">The idempotency key, 1 to 128 characters.</param>
    /// <param name="siteId">The site, 1 to 128 characters.</param>
    /// <param name="planId">The plan the step belongs to, 1 to 128 characters.</param>
    /// <param name="sessionId">The session, 1 to 128 characters.</param>
    /// <param name="dueAt">When the step is due.</param>
    /// <param name="attempt">The attempt of this step, 0 to <see cref="MaxAttempt"/>: 0 the first.</param>
    public VehicleCommandMessage(string id, string siteId, string planId, string sessionId, Instant dueAt, int attempt = 0)
    {
        Id = MessageCheck.Id(id, nameof(id));
        SiteId = MessageCheck.Id(siteId, nameof(siteId));
        PlanId = MessageCheck.Id(planId, nameof(planId));
        SessionId = MessageCheck.Id(sessionId, nameof(sessionId));
        DueAt = dueAt;
        Attempt = (int)MessageCheck.InRange(attempt, 0, MaxAttempt, nameof(attempt));
    }

    /// <summary>The idempotency key.</summary>
    public string Id { get; }

    /// <summary>The site.</summary>
    public string SiteId { get; }

    /// <summary>The plan the step belongs to; a step of an older plan is dropped.</summary>
    public string PlanId { get; }

    /// <summary>The session whose vehicle is commanded.</summary>
    public string SessionId { get; }

    /// <summary>When the step is due.</summary>
    public Instant DueAt { get; }

    /// <summary>The attempt of this step: 0 the first, more after a vehicle that did not answer or asked us to wait.</summary>
    public int Attempt { get; }
}
