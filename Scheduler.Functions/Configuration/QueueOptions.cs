using System.ComponentModel.DataAnnotations;

namespace Scheduler.Functions.Configuration;

/// <summary>What the handlers must know of the queue trigger's settings (section <c>Queues</c>); keep it equal to host.json.</summary>
public sealed class QueueOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Queues";

    /// <summary>
    /// How often the host delivers a message before it poisons it (host.json <c>extensions.queues.maxDequeueCount</c>).
    /// A dispatch that still fails on its last delivery is recorded as failed instead of being retried. The default is 5.
    /// </summary>
    [Range(1, 100)]
    public int MaxDequeueCount { get; set; } = 5;
}
