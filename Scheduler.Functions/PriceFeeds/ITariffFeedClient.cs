namespace Scheduler.Functions.PriceFeeds;

/// <summary>Fetches the raw text of tariff feeds (day-ahead prices, dynamic tariffs) for Scheduler.Protocols to parse.</summary>
public interface ITariffFeedClient
{
    /// <summary>The body of <paramref name="request"/>'s feed, its URL placeholders filled, decoded with the answer's charset (UTF-8 by default).</summary>
    /// <exception cref="InvalidDataException">The body is larger than the cap.</exception>
    /// <exception cref="HttpRequestException">The feed kept failing after the retries, or answered a non-success status (in <see cref="HttpRequestException.StatusCode"/>).</exception>
    Task<string> FetchAsync(TariffFeedRequest request, CancellationToken ct);
}
