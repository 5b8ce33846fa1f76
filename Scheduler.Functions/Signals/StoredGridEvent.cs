using NodaTime;

namespace Scheduler.Functions.Signals;

/// <summary>An OpenADR 3 event as stored for a site.</summary>
/// <param name="EventId">The event's id at the VTN.</param>
/// <param name="EventJson">The event object as the VTN sent it.</param>
/// <param name="ModifiedAt">Its modificationDateTime; null when the VTN sent none.</param>
/// <param name="Deleted">Whether the VTN deleted it.</param>
/// <param name="ReceivedAt">When it arrived: the instant its "now" sentinel stands for.</param>
public sealed record StoredGridEvent(string EventId, string EventJson, Instant? ModifiedAt, bool Deleted, Instant ReceivedAt);
