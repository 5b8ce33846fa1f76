namespace Scheduler.Protocols.Messages;

/// <summary>What every queue message holds: its type, format version and idempotency key.</summary>
public sealed record MessageEnvelope
{
    /// <summary>Creates an envelope.</summary>
    /// <param name="type">The message type, 1 to 64 characters; known or not (see <see cref="MessageTypes"/>).</param>
    /// <param name="version">The format version.</param>
    /// <param name="id">The idempotency key, 1 to 128 characters.</param>
    public MessageEnvelope(string type, int version, string id)
    {
        Type = MessageCheck.Text(type, 64, nameof(type));
        Version = version;
        Id = MessageCheck.Id(id, nameof(id));
    }

    /// <summary>The message type, e.g. <c>departure</c>.</summary>
    public string Type { get; }

    /// <summary>The format version; 1 wherever <see cref="IsKnownType"/> is true.</summary>
    public int Version { get; }

    /// <summary>The idempotency key: a message seen again with the same id is a repeat.</summary>
    public string Id { get; }

    /// <summary>True when <see cref="Type"/> is one of <see cref="MessageTypes.All"/>.</summary>
    public bool IsKnownType => MessageTypes.IsKnown(Type);
}
