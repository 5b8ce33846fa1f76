using NodaTime;

namespace Scheduler.Protocols.OpenAdr;

/// <summary>One interval of an event, with its window resolved to instants.</summary>
/// <param name="Id">The interval's id (client-assigned, not a sequence number).</param>
/// <param name="Start">When the interval starts.</param>
/// <param name="End">When it ends (exclusive), or null when it is open-ended (<c>P9999Y</c>).</param>
/// <param name="RandomizeStart">How far a client may shift the start either way; zero when not given.</param>
/// <param name="Payloads">The payloads the scheduler acts on; other payload types are left out.</param>
/// <param name="Path">The JSON path of the interval, for messages.</param>
public sealed record OpenAdrInterval(
    int Id,
    Instant Start,
    Instant? End,
    Duration RandomizeStart,
    IReadOnlyList<OpenAdrPayload> Payloads,
    string Path);
