using NodaTime;

namespace Scheduler.Functions.Queues;

/// <summary>Why a message was refused.</summary>
/// <param name="Queue">The queue it came from.</param>
/// <param name="MessageId">Its id (the envelope's, or the queue's when the envelope could not be read).</param>
/// <param name="Code">A stable code of the reason.</param>
/// <param name="Reason">The reason, for people.</param>
/// <param name="At">When it was refused.</param>
public sealed record PoisonRecord(string Queue, string MessageId, string Code, string Reason, Instant At);
