using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using NodaTime;
using Scheduler.Functions.PriceFeeds;
using Scheduler.Functions.Queues;
using Scheduler.Functions.Sites;
using Scheduler.Protocols.Tariffs;

namespace Scheduler.Functions.Tariffs;

/// <summary>
/// Fetches one site's price feed (the work of <c>PullSiteTariff</c>, one message per site from <c>PullTariffs</c>) for
/// today and the next two days in the site's zone, stores the prices and the feed's status, and asks for a re-plan. A failing feed is recorded and leaves the
/// stored prices alone, so plans fall back on them; one site's feed never stops another's.
/// </summary>
public sealed partial class TariffPuller
{
    private readonly SiteStore _sites;
    private readonly TariffStore _tariffs;
    private readonly ITariffFeedClient _feeds;
    private readonly PlanRequestQueue _planRequests;
    private readonly IConfiguration _configuration;
    private readonly IClock _clock;
    private readonly ILogger<TariffPuller> _logger;

    /// <summary>Creates the puller.</summary>
    public TariffPuller(
        SiteStore sites, TariffStore tariffs, ITariffFeedClient feeds, PlanRequestQueue planRequests, IConfiguration configuration, IClock clock, ILogger<TariffPuller> logger)
    {
        _sites = sites;
        _tariffs = tariffs;
        _feeds = feeds;
        _planRequests = planRequests;
        _configuration = configuration;
        _clock = clock;
        _logger = logger;
    }

    /// <summary>Handles one <c>site-poll</c> message of the <c>tariff-pulls</c> queue: pulls that site's feed.</summary>
    public async Task<MessageOutcome> HandleAsync(string text, CancellationToken cancellationToken = default)
    {
        var read = SitePollMessageReader.Read(text);
        if (!read.IsValid || read.Message is null)
        {
            return MessageOutcome.Refused(read.Errors);
        }

        var site = await _sites.GetHeaderAsync(read.Message.SiteId, cancellationToken).ConfigureAwait(false);
        if (site?.Settings.TariffFeed is not { } feed)
        {
            return MessageOutcome.Done($"site {read.Message.SiteId} has no price feed (any more)");
        }

        return MessageOutcome.Done(await PullAsync(site, feed, cancellationToken).ConfigureAwait(false) ? "prices pulled" : "the feed failed; plans fall back on stored prices");
    }

    /// <summary>Pulls one site's feed; returns whether prices came.</summary>
    public async Task<bool> PullAsync(SiteHeader site, TariffFeedSettings feed, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(site);
        ArgumentNullException.ThrowIfNull(feed);
        var now = _clock.GetCurrentInstant();
        var source = $"feed:{feed.Format.ToLowerInvariant()}";
        var previous = await _tariffs.ReadStatusAsync(site.Id, cancellationToken).ConfigureAwait(false);
        try
        {
            var zone = DateTimeZoneProviders.Tzdb.GetZoneOrNull(site.TimeZone)
                ?? throw new InvalidDataException($"unknown time zone '{site.TimeZone}'");
            if (!Enum.TryParse<TariffFormat>(feed.Format, ignoreCase: true, out var format) || TariffImporter.NeedsDates(format))
            {
                throw new InvalidDataException($"unknown feed format '{feed.Format}'");
            }

            var today = now.InZone(zone).Date;
            var from = zone.AtStartOfDay(today).ToInstant();
            var to = zone.AtStartOfDay(today.PlusDays(3)).ToInstant();
            // Checked here, not only by TariffFeedRequest: its ArgumentException would stop every other site's pull.
            if (!Uri.TryCreate(feed.Url, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp))
            {
                throw new InvalidDataException($"the feed URL '{feed.Url}' is not an absolute http(s) URL");
            }

            var text = await _feeds.FetchAsync(new TariffFeedRequest(url, from, to, Headers(feed)), cancellationToken).ConfigureAwait(false);
            var result = TariffImporter.Read(text, format, new TariffImportOptions { Zone = zone, Area = feed.Area });
            if (!result.IsValid)
            {
                throw new InvalidDataException("the feed's answer is not valid: " + string.Join("; ", result.Errors.Take(3)));
            }

            if (result.Prices.Count == 0)
            {
                throw new InvalidDataException("the feed answered with no prices");
            }

            var currency = result.Currency ?? site.Settings.Currency;
            await _tariffs.WritePricesAsync(site.Id, currency, result.Prices, source, now, cancellationToken).ConfigureAwait(false);
            await _tariffs.WriteStatusAsync(site.Id, new TariffFeedStatus(source, now, now, null), cancellationToken).ConfigureAwait(false);
            LogPulled(_logger, site.Id, result.Prices.Count, source);
            await _planRequests.RequestAsync(site.Id, "tariff", $"{site.Id}:{now.ToUnixTimeSeconds()}", cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (Exception e) when (e is HttpRequestException or InvalidDataException or FormatException || (e is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            LogFailed(_logger, site.Id, source, e.Message);
            await _tariffs.WriteStatusAsync(site.Id, new TariffFeedStatus(source, previous?.LastSuccessAt, now, e.Message), cancellationToken).ConfigureAwait(false);
            return false;
        }
    }

    private Dictionary<string, string>? Headers(TariffFeedSettings feed)
    {
        if (feed.HeadersSetting is null)
        {
            return null;
        }

        var text = _configuration[feed.HeadersSetting]
            ?? throw new InvalidDataException($"the app setting '{feed.HeadersSetting}' with the feed's headers is not set");
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                throw new InvalidDataException($"the app setting '{feed.HeadersSetting}' must hold 'Name: value' lines");
            }

            headers[line[..colon].Trim()] = line[(colon + 1)..].Trim();
        }

        return headers;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Site {SiteId}: {Count} prices from {Source}")]
    private static partial void LogPulled(ILogger logger, string siteId, int count, string source);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Site {SiteId}: price feed {Source} failed: {Error}; plans fall back on stored prices")]
    private static partial void LogFailed(ILogger logger, string siteId, string source, string error);
}
