using NodaTime;

namespace Scheduler.Functions.PriceFeeds;

/// <summary>One fetch of a tariff feed over a period.</summary>
public sealed record TariffFeedRequest
{
    /// <summary>A request for [<paramref name="from"/>, <paramref name="to"/>) from <paramref name="url"/>.</summary>
    /// <exception cref="ArgumentException"><paramref name="url"/> is not absolute http(s), or <paramref name="to"/> is before <paramref name="from"/>.</exception>
    public TariffFeedRequest(Uri url, Instant from, Instant to, IReadOnlyDictionary<string, string>? headers = null)
    {
        if (!url.IsAbsoluteUri || (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp))
        {
            throw new ArgumentException($"The feed URL must be an absolute http(s) URL, not '{url}'.", nameof(url));
        }

        if (to < from)
        {
            throw new ArgumentException($"The period ends ({to}) before it begins ({from}).", nameof(to));
        }

        Url = url;
        From = from;
        To = to;
        Headers = headers;
    }

    /// <summary>
    /// The feed's URL. It may hold placeholders: <c>{from}</c> and <c>{to}</c> become ISO 8601 UTC instants
    /// (<c>2026-03-29T00:00:00Z</c>), <c>{fromDate}</c> and <c>{toDate}</c> UTC dates (<c>2026-03-29</c>).
    /// </summary>
    public Uri Url { get; }

    /// <summary>The start of the period the prices are wanted for.</summary>
    public Instant From { get; }

    /// <summary>The end of the period (exclusive).</summary>
    public Instant To { get; }

    /// <summary>Extra request headers, e.g. an API key; their values are never logged. <see langword="null"/> for none.</summary>
    public IReadOnlyDictionary<string, string>? Headers { get; }

    /// <summary>The largest body accepted, in bytes; <see langword="null"/> takes <see cref="TariffFeedHttpOptions.MaxResponseBytes"/>.</summary>
    public long? MaxResponseBytes { get; init; }
}
