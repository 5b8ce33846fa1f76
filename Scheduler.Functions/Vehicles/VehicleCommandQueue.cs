using Microsoft.Extensions.Options;
using NodaTime;
using Scheduler.Functions.Queues;
using Scheduler.Protocols.Messages;

namespace Scheduler.Functions.Vehicles;

/// <summary>
/// Queues a vehicle's plan steps on <c>vehicle-commands</c>, each held back in the queue (its visibility timeout) until
/// it is due. A step's id is its plan, session, instant and attempt, so a step queued twice is done once.
/// </summary>
public sealed class VehicleCommandQueue
{
    private readonly QueueSender _sender;
    private readonly IClock _clock;
    private readonly VehicleOptions _options;

    /// <summary>Creates the queue.</summary>
    public VehicleCommandQueue(QueueSender sender, IClock clock, IOptions<VehicleOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _sender = sender;
        _clock = clock;
        _options = options.Value;
    }

    /// <summary>Queues the step of <paramref name="planId"/> for <paramref name="sessionId"/> due at <paramref name="dueAt"/>.</summary>
    public Task QueueAsync(string siteId, string planId, string sessionId, Instant dueAt, int attempt = 0, CancellationToken cancellationToken = default)
    {
        var id = MessageIds.Bounded($"{planId}:{sessionId}:{dueAt.ToUnixTimeMilliseconds()}" + (attempt == 0 ? string.Empty : $"~{attempt}"));
        var message = new VehicleCommandMessage(id, siteId, planId, sessionId, dueAt, attempt);
        return QueueAsync(message, dueAt, cancellationToken);
    }

    /// <summary>Queues <paramref name="message"/> to be delivered at <paramref name="deliverAt"/> (at once when that has passed).</summary>
    public Task QueueAsync(VehicleCommandMessage message, Instant deliverAt, CancellationToken cancellationToken = default)
    {
        var wait = (deliverAt - _clock.GetCurrentInstant()).ToTimeSpan();
        var delay = wait <= TimeSpan.Zero ? TimeSpan.Zero : wait < _options.MaxMessageDelay ? wait : _options.MaxMessageDelay;
        return _sender.SendAsync(QueueNames.VehicleCommands, QueueMessageWriter.Write(message), delay, cancellationToken);
    }
}
