using NodaTime;

namespace Scheduler.Functions.Queues;

/// <summary>A message that was given up on, and why: what the Poison table keeps so that it can be replayed.</summary>
/// <param name="Queue">The queue it came from.</param>
/// <param name="MessageId">Its id (the envelope's, or the queue's when the envelope could not be read).</param>
/// <param name="Code">A stable code of the reason.</param>
/// <param name="Reason">The reason, for people.</param>
/// <param name="At">When it was given up on.</param>
/// <param name="Text">The message as it was sent, to replay it.</param>
public sealed record PoisonRecord(string Queue, string MessageId, string Code, string Reason, Instant At, string Text)
{
    /// <summary>The code of a message the Functions host gave up on after its last delivery failed.</summary>
    public const string HostGaveUp = "host.gave-up";

    /// <summary>The code of a message the queue trigger could not decode (it expects base64).</summary>
    public const string NotBase64 = "message.not-base64";

    /// <summary>When it was last replayed; null while it waits.</summary>
    public Instant? ReplayedAt { get; init; }
}
