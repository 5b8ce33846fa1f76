using NodaTime;
using Scheduler.Functions.Departures;
using Scheduler.Functions.Queues;
using Scheduler.Functions.Sites;
using Scheduler.Protocols.Messages;

namespace Scheduler.Functions.Ingest;

/// <summary>Takes a driver's departure time and energy (the work of <c>IngestDeparture</c>) and asks for a re-plan when it changes anything.</summary>
public sealed class DepartureIngest
{
    private readonly SiteStore _sites;
    private readonly DepartureStore _departures;
    private readonly PlanRequestQueue _planRequests;
    private readonly IClock _clock;

    /// <summary>Creates the service.</summary>
    public DepartureIngest(SiteStore sites, DepartureStore departures, PlanRequestQueue planRequests, IClock clock)
    {
        _sites = sites;
        _departures = departures;
        _planRequests = planRequests;
        _clock = clock;
    }

    /// <summary>Handles one <c>departure</c> message.</summary>
    public async Task<MessageOutcome> HandleAsync(string text, CancellationToken cancellationToken = default)
    {
        var now = _clock.GetCurrentInstant();
        var read = DepartureMessageReader.Read(text, now);
        if (!read.IsValid || read.Message is null)
        {
            return MessageOutcome.Refused(read.Errors);
        }

        var message = read.Message;
        if (await _sites.GetHeaderAsync(message.SiteId, cancellationToken).ConfigureAwait(false) is null)
        {
            return MessageOutcome.UnknownSite(message.SiteId);
        }

        if (!await _departures.SetAsync(message, now, cancellationToken).ConfigureAwait(false))
        {
            return MessageOutcome.Done("a newer departure is already set");
        }

        await _planRequests.RequestAsync(message.SiteId, "departure", message.Id, cancellationToken).ConfigureAwait(false);
        return MessageOutcome.Done("departure set; re-plan requested");
    }
}
