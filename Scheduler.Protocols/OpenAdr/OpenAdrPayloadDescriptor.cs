namespace Scheduler.Protocols.OpenAdr;

/// <summary>An event's description of one payload type: its units and, for prices, its currency.</summary>
/// <param name="PayloadType">The payload type it describes, e.g. <c>PRICE</c>.</param>
/// <param name="Units">The units as written (e.g. <c>KW</c>, <c>KWH</c>), or null when not given.</param>
/// <param name="Currency">The ISO 4217 currency of a price, or null when not given.</param>
public sealed record OpenAdrPayloadDescriptor(string PayloadType, string? Units, string? Currency);
