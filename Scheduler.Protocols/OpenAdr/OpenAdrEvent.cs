using NodaTime;

namespace Scheduler.Protocols.OpenAdr;

/// <summary>An OpenADR 3 event as read: its identity, priority, targets and resolved intervals.</summary>
public sealed record OpenAdrEvent
{
    /// <summary>What tells this event apart from others: its <c>id</c>, or its <c>eventName</c> in a create request that has no id yet.</summary>
    public required string Key { get; init; }

    /// <summary>The VTN's id of the event, or null in a create request.</summary>
    public string? Id { get; init; }

    /// <summary>The program the event belongs to.</summary>
    public required string ProgramId { get; init; }

    /// <summary>The event's name, or null.</summary>
    public string? EventName { get; init; }

    /// <summary>The priority: a lower number is a higher priority, 0 the highest; null when not given (the lowest).</summary>
    public int? Priority { get; init; }

    /// <summary>The targets (3.1: strings; 3.0.1: the values of each target map); empty means every site.</summary>
    public required IReadOnlyList<string> Targets { get; init; }

    /// <summary>When the VTN last modified the event, or null when not given.</summary>
    public Instant? ModificationDateTime { get; init; }

    /// <summary>True for an event cancelled by start <c>0001-01-01</c> with duration <c>PT0S</c> (User Guide §7.9).</summary>
    public bool IsCancelled { get; init; }

    /// <summary>The payload descriptors, by payload type.</summary>
    public required IReadOnlyList<OpenAdrPayloadDescriptor> PayloadDescriptors { get; init; }

    /// <summary>The intervals in the order written; empty for a cancelled event.</summary>
    public required IReadOnlyList<OpenAdrInterval> Intervals { get; init; }

    /// <summary>The JSON path of the event (<c>$</c>, or <c>$[2]</c> in an array), for messages.</summary>
    public required string Path { get; init; }

    /// <summary>The descriptor for <paramref name="payloadType"/>, or null when the event has none.</summary>
    /// <param name="payloadType">The payload type, e.g. <c>PRICE</c>.</param>
    /// <returns>The first matching descriptor, or null.</returns>
    public OpenAdrPayloadDescriptor? DescriptorFor(string payloadType) =>
        PayloadDescriptors.FirstOrDefault(d => string.Equals(d.PayloadType, payloadType, StringComparison.Ordinal));
}
