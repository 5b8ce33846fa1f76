using NodaTime;

namespace Scheduler.Protocols.Messages;

/// <summary>A request to plan one site again (message type <c>plan-request</c>).</summary>
public sealed record PlanRequestMessage
{
    /// <summary>The longest reason: 200 characters.</summary>
    public const int MaxReasonLength = 200;

    /// <summary>Creates a plan request.</summary>
    /// <param name="id">The idempotency key, 1 to 128 characters.</param>
    /// <param name="siteId">The site to plan, 1 to 128 characters.</param>
    /// <param name="requestedAt">When the plan was asked for.</param>
    /// <param name="reason">Why, 1 to <see cref="MaxReasonLength"/> characters, e.g. timer, departure, session-event, grid-signal, dispatch-rejected.</param>
    public PlanRequestMessage(string id, string siteId, Instant requestedAt, string reason)
    {
        Id = MessageCheck.Id(id, nameof(id));
        SiteId = MessageCheck.Id(siteId, nameof(siteId));
        RequestedAt = requestedAt;
        Reason = MessageCheck.Text(reason, MaxReasonLength, nameof(reason));
    }

    /// <summary>The idempotency key.</summary>
    public string Id { get; }

    /// <summary>The site to plan.</summary>
    public string SiteId { get; }

    /// <summary>When the plan was asked for.</summary>
    public Instant RequestedAt { get; }

    /// <summary>Why, e.g. timer, departure, session-event, grid-signal, dispatch-rejected.</summary>
    public string Reason { get; }
}
