using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Scheduler.Functions.Vtn;
using Scheduler.Functions.Queues;
using Scheduler.Functions.Sites;
using Scheduler.Protocols.Messages;

namespace Scheduler.Functions.Signals;

/// <summary>
/// Polls one site's OpenADR 3 VTN (the work of <c>PollSiteGridSignals</c>, one message per site from
/// <c>PollGridSignals</c>) and forwards to the grid-signals queue only
/// what is new: an event not stored yet, a newer modification of a stored one, and the deletion of a stored event
/// of the polled program that the VTN no longer lists. Message ids derive from the event's id and version, so a
/// poll that runs twice sends nothing twice.
/// </summary>
public sealed partial class GridSignalPoller
{
    private readonly SiteStore _sites;
    private readonly GridSignalStore _signals;
    private readonly IVtnClient _vtn;
    private readonly QueueSender _sender;
    private readonly IConfiguration _configuration;
    private readonly ILogger<GridSignalPoller> _logger;

    /// <summary>Creates the poller.</summary>
    public GridSignalPoller(SiteStore sites, GridSignalStore signals, IVtnClient vtn, QueueSender sender, IConfiguration configuration, ILogger<GridSignalPoller> logger)
    {
        _sites = sites;
        _signals = signals;
        _vtn = vtn;
        _sender = sender;
        _configuration = configuration;
        _logger = logger;
    }

    /// <summary>Handles one <c>site-poll</c> message of the <c>vtn-polls</c> queue: polls that site's VTN.</summary>
    public async Task<MessageOutcome> HandleAsync(string text, CancellationToken cancellationToken = default)
    {
        var read = SitePollMessageReader.Read(text);
        if (!read.IsValid || read.Message is null)
        {
            return MessageOutcome.Refused(read.Errors);
        }

        var site = await _sites.GetHeaderAsync(read.Message.SiteId, cancellationToken).ConfigureAwait(false);
        if (site?.Settings.Vtn is not { } vtn)
        {
            return MessageOutcome.Done($"site {read.Message.SiteId} has no VTN (any more)");
        }

        try
        {
            return MessageOutcome.Done($"{await PollAsync(site, vtn, cancellationToken).ConfigureAwait(false)} event message(s) forwarded");
        }
        catch (Exception e) when (e is HttpRequestException or InvalidDataException or VtnAccessDeniedException or InvalidOperationException || (e is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            // The next poll tries again; the VTN's trouble is the operator's to see, not a message to retry now.
            LogFailed(_logger, site.Id, e.Message);
            return MessageOutcome.Done("the VTN poll failed: " + e.Message);
        }
    }

    /// <summary>Polls one site's VTN; returns how many messages were forwarded.</summary>
    public async Task<int> PollAsync(SiteHeader site, VtnSettings vtn, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(site);
        ArgumentNullException.ThrowIfNull(vtn);
        var events = await _vtn.GetEventsAsync(SourceOf(site, vtn), cancellationToken).ConfigureAwait(false);
        var stored = (await _signals.ListAsync(site.Id, cancellationToken).ConfigureAwait(false)).ToDictionary(e => e.EventId, StringComparer.Ordinal);
        var listed = new HashSet<string>(StringComparer.Ordinal);
        var forwarded = 0;
        foreach (var json in events)
        {
            var header = EventHeader.Read(json);
            var (id, modified) = (header.Id, header.ModifiedAt);
            if (id is null)
            {
                LogSkipped(_logger, site.Id, "an event without an id");
                continue;
            }

            // A grid-signal message cannot carry such an id; building one would throw and end the poll of every site.
            if (id.Length is 0 or > MessageIds.MaxLength)
            {
                LogSkipped(_logger, site.Id, $"an event whose id is {id.Length} characters long (1 to {MessageIds.MaxLength} allowed)");
                continue;
            }

            listed.Add(id);
            if (stored.TryGetValue(id, out var known) && !known.Deleted
                && (modified is { } listedAt ? known.ModifiedAt >= listedAt : string.Equals(known.EventJson, json, StringComparison.Ordinal)))
            {
                continue;
            }

            var version = modified is { } m ? m.ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture) : MessageIds.Hash(json);
            forwarded += await ForwardAsync(site.Id, $"vtn:{site.Id}:{id}:{version}", json, deleted: false, cancellationToken).ConfigureAwait(false);
        }

        foreach (var gone in stored.Values.Where(e => !e.Deleted && !listed.Contains(e.EventId)))
        {
            if (vtn.ProgramId is not null && EventHeader.Read(gone.EventJson).ProgramId != vtn.ProgramId)
            {
                continue;
            }

            forwarded += await ForwardAsync(site.Id, $"vtn-deleted:{site.Id}:{gone.EventId}:{MessageIds.Hash(gone.EventJson)}", gone.EventJson, deleted: true, cancellationToken).ConfigureAwait(false);
        }

        return forwarded;
    }

    private async Task<int> ForwardAsync(string siteId, string id, string eventJson, bool deleted, CancellationToken cancellationToken)
    {
        var message = QueueMessageWriter.Write(new GridSignalMessage(MessageIds.Bounded(id), siteId, eventJson, deleted));
        if (System.Text.Encoding.UTF8.GetByteCount(message) > QueueSender.MaxMessageBytes)
        {
            LogSkipped(_logger, siteId, $"event message {id} is larger than a queue message");
            return 0;
        }

        await _sender.SendAsync(QueueNames.GridSignals, message, cancellationToken: cancellationToken).ConfigureAwait(false);
        return 1;
    }

    private VtnSource SourceOf(SiteHeader site, VtnSettings vtn)
    {
        if (!Uri.TryCreate(vtn.BaseUrl, UriKind.Absolute, out var baseUrl))
        {
            throw new InvalidOperationException($"site '{site.Id}' has the VTN URL '{vtn.BaseUrl}', which is not absolute");
        }

        VtnAuth auth;
        if (vtn.TokenUrl is { } tokenUrl)
        {
            if (!Uri.TryCreate(tokenUrl, UriKind.Absolute, out var tokenUri) || vtn.ClientIdSetting is null || vtn.ClientSecretSetting is null)
            {
                throw new InvalidOperationException($"site '{site.Id}' uses OAuth2 with the VTN but lacks an absolute token URL or the client id and secret settings");
            }

            auth = new VtnClientCredentials(tokenUri, Setting(site, vtn.ClientIdSetting), Setting(site, vtn.ClientSecretSetting), vtn.Scope);
        }
        else if (vtn.TokenSetting is { } token)
        {
            auth = new VtnBearerToken(Setting(site, token));
        }
        else
        {
            throw new InvalidOperationException($"site '{site.Id}' has a VTN without credentials: set tokenSetting or tokenUrl with clientIdSetting and clientSecretSetting");
        }

        return new VtnSource(baseUrl, auth) { ProgramId = vtn.ProgramId };
    }

    private string Setting(SiteHeader site, string name) =>
        _configuration[name] is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException($"site '{site.Id}' takes a VTN credential from the app setting '{name}', which is not set");

    [LoggerMessage(Level = LogLevel.Warning, Message = "Site {SiteId}: VTN poll failed: {Error}")]
    private static partial void LogFailed(ILogger logger, string siteId, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Site {SiteId}: skipped {What}")]
    private static partial void LogSkipped(ILogger logger, string siteId, string what);
}
