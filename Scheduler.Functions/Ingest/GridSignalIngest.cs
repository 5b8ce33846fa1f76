using NodaTime;
using Scheduler.Functions.Queues;
using Scheduler.Functions.Signals;
using Scheduler.Functions.Sites;
using Scheduler.Protocols.Messages;
using Scheduler.Protocols.OpenAdr;

namespace Scheduler.Functions.Ingest;

/// <summary>
/// Stores an OpenADR 3 event for a site (the work of <c>IngestGridSignal</c>): a new or newer event, or a deletion,
/// asks for a re-plan; an older copy changes nothing. An event that cannot be read is refused with the reader's reasons.
/// </summary>
public sealed class GridSignalIngest
{
    private readonly SiteStore _sites;
    private readonly GridSignalStore _signals;
    private readonly PlanRequestQueue _planRequests;
    private readonly IClock _clock;

    /// <summary>Creates the service.</summary>
    public GridSignalIngest(SiteStore sites, GridSignalStore signals, PlanRequestQueue planRequests, IClock clock)
    {
        _sites = sites;
        _signals = signals;
        _planRequests = planRequests;
        _clock = clock;
    }

    /// <summary>Handles one <c>grid-signal</c> message.</summary>
    public async Task<MessageOutcome> HandleAsync(string text, CancellationToken cancellationToken = default)
    {
        var now = _clock.GetCurrentInstant();
        var read = GridSignalMessageReader.Read(text);
        if (!read.IsValid || read.Message is null)
        {
            return MessageOutcome.Refused(read.Errors);
        }

        var message = read.Message;
        if (await _sites.GetHeaderAsync(message.SiteId, cancellationToken).ConfigureAwait(false) is null)
        {
            return MessageOutcome.UnknownSite(message.SiteId);
        }

        StoredGridEvent stored;
        if (message.Deleted)
        {
            var header = EventHeader.Read(message.EventJson);
            if (header.Id is not { } id)
            {
                return MessageOutcome.Refused("event.no-id", "a deletion must name the event's id");
            }

            stored = new StoredGridEvent(id, message.EventJson, header.ModifiedAt, true, now);
        }
        else
        {
            var parsed = OpenAdrEventReader.Read(message.EventJson, now);
            if (!parsed.IsValid)
            {
                return MessageOutcome.Refused([.. parsed.Errors.Select(e => new MessageError("event.invalid", "$.event" + e.Path.TrimStart('$'), e.Message))]);
            }

            if (parsed.Events.Count != 1 || parsed.Events[0].Id is not { } eventId)
            {
                return MessageOutcome.Refused("event.no-id", "a grid-signal message carries exactly one event, with its id");
            }

            if (message.EventJson.Length > GridSignalStore.MaxEventJsonLength)
            {
                return MessageOutcome.Refused("event.too-large", $"the event is {message.EventJson.Length} characters long; at most {GridSignalStore.MaxEventJsonLength} are kept");
            }

            stored = new StoredGridEvent(eventId, message.EventJson, parsed.Events[0].ModificationDateTime, false, now);
        }

        if (!await _signals.PutAsync(message.SiteId, stored, cancellationToken).ConfigureAwait(false))
        {
            return MessageOutcome.Done($"event {stored.EventId}: a newer version is stored; nothing changed");
        }

        await _planRequests.RequestAsync(message.SiteId, "grid-signal", message.Id, cancellationToken).ConfigureAwait(false);
        return MessageOutcome.Done($"event {stored.EventId} {(stored.Deleted ? "deleted" : "stored")}; re-plan requested");
    }
}
