using System.Text.Json;

namespace Scheduler.Protocols.Messages;

/// <summary>
/// An OpenADR 3 event for a site, as the VTN sent it (message type <c>grid-signal</c>). The event stays JSON text
/// here; <see cref="OpenAdr.OpenAdrEventReader"/> reads it.
/// </summary>
public sealed record GridSignalMessage
{
    /// <summary>Creates a grid-signal message.</summary>
    /// <param name="id">The idempotency key, 1 to 128 characters.</param>
    /// <param name="siteId">The site, 1 to 128 characters.</param>
    /// <param name="eventJson">The OpenADR 3 event object as JSON text, with a string <c>id</c> of 1 to 128 characters.</param>
    /// <param name="deleted">True when the VTN deleted the event; then <paramref name="eventJson"/> need only hold its id. The default is false.</param>
    public GridSignalMessage(string id, string siteId, string eventJson, bool deleted = false)
    {
        Id = MessageCheck.Id(id, nameof(id));
        SiteId = MessageCheck.Id(siteId, nameof(siteId));
        ArgumentNullException.ThrowIfNull(eventJson);
        EventId = MessageCheck.Id(ReadEventId(eventJson), nameof(eventJson));
        EventJson = eventJson;
        Deleted = deleted;
    }

    /// <summary>The idempotency key.</summary>
    public string Id { get; }

    /// <summary>The site.</summary>
    public string SiteId { get; }

    /// <summary>The OpenADR 3 event object, exactly as the message held it.</summary>
    public string EventJson { get; }

    /// <summary>The event's id in the VTN (its <c>id</c> property).</summary>
    public string EventId { get; }

    /// <summary>True when this notifies that the event was deleted.</summary>
    public bool Deleted { get; }

    private static string ReadEventId(string eventJson)
    {
        try
        {
            using var document = JsonDocument.Parse(eventJson);
            if (document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("id", out var eventId)
                && eventId.ValueKind == JsonValueKind.String)
            {
                return eventId.GetString() ?? string.Empty;
            }
        }
        catch (JsonException e)
        {
            throw new ArgumentException("must be JSON text: " + e.Message, nameof(eventJson), e);
        }

        throw new ArgumentException("must be a JSON object with a string id", nameof(eventJson));
    }
}
