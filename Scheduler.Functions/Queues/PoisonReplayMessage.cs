namespace Scheduler.Functions.Queues;

/// <summary>An operator's request to replay poisoned messages (message type <c>poison-replay</c>, queue <c>poison-replays</c>).</summary>
/// <param name="Id">The idempotency key.</param>
/// <param name="Queue">The queue whose poisoned messages go back: one of <see cref="QueueNames.All"/>.</param>
/// <param name="MessageId">Only this message; null for every one not yet replayed.</param>
public sealed record PoisonReplayMessage(string Id, string Queue, string? MessageId);
