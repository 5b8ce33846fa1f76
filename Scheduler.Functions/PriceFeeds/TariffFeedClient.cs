using System.Text;
using Microsoft.Extensions.Options;
using NodaTime;
using NodaTime.Text;

namespace Scheduler.Functions.PriceFeeds;

/// <summary>
/// Fetches tariff feeds through the <c>"TariffFeeds"</c> HttpClient, whose standard resilience handler retries
/// transient failures, and refuses bodies above a size cap before they fill the worker's memory.
/// </summary>
public sealed class TariffFeedClient : ITariffFeedClient
{
    /// <summary>The name of the HttpClient this client uses.</summary>
    public const string HttpClientName = "TariffFeeds";

    private static readonly InstantPattern InstantText = InstantPattern.General;
    private static readonly LocalDatePattern DateText = LocalDatePattern.Iso;

    private readonly IHttpClientFactory _httpClients;
    private readonly TariffFeedHttpOptions _options;

    /// <summary>A client with the default cap from <paramref name="options"/>.</summary>
    public TariffFeedClient(IHttpClientFactory httpClients, IOptions<TariffFeedHttpOptions> options)
    {
        _httpClients = httpClients;
        _options = options.Value;
    }

    /// <summary><paramref name="request"/>'s URL with its placeholders filled.</summary>
    public static Uri ResolveUrl(TariffFeedRequest request)
    {
        // OriginalString keeps the braces; Uri may have escaped them as %7B…%7D in its other forms, so both are filled.
        var text = request.Url.OriginalString;
        foreach (var (name, value) in new[]
                 {
                     ("from", InstantText.Format(request.From)),
                     ("to", InstantText.Format(request.To)),
                     ("fromDate", DateText.Format(request.From.InUtc().Date)),
                     ("toDate", DateText.Format(request.To.InUtc().Date)),
                 })
        {
            // Digits, '-', ':', 'T' and 'Z' are safe in a path and a query alike, so the values go in unescaped.
            text = text.Replace("{" + name + "}", value, StringComparison.Ordinal)
                .Replace("%7B" + name + "%7D", value, StringComparison.OrdinalIgnoreCase);
        }

        return new Uri(text);
    }

    /// <inheritdoc />
    public async Task<string> FetchAsync(TariffFeedRequest request, CancellationToken ct)
    {
        var uri = ResolveUrl(request);
        var cap = request.MaxResponseBytes ?? _options.MaxResponseBytes;
        using var message = new HttpRequestMessage(HttpMethod.Get, uri);
        foreach (var (name, value) in request.Headers ?? new Dictionary<string, string>())
        {
            message.Headers.TryAddWithoutValidation(name, value);
        }

        var http = _httpClients.CreateClient(HttpClientName);
        using var response = await http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, ct);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException(
                $"The tariff feed at {uri.Host}{uri.AbsolutePath} answered HTTP {(int)response.StatusCode} {response.StatusCode}.",
                null,
                response.StatusCode);
        }

        if (response.Content.Headers.ContentLength > cap)
        {
            throw TooLarge(uri, cap);
        }

        var bytes = await ReadCappedAsync(response.Content, cap, uri, ct);
        return Decode(response.Content, bytes);
    }

    private static async Task<byte[]> ReadCappedAsync(HttpContent content, long cap, Uri uri, CancellationToken ct)
    {
        // Content-Length may be absent (chunked) or wrong, so the stream itself is counted.
        await using var stream = await content.ReadAsStreamAsync(ct);
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await stream.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > cap)
            {
                throw TooLarge(uri, cap);
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private static string Decode(HttpContent content, byte[] bytes)
    {
        var encoding = Encoding.UTF8;
        if (content.Headers.ContentType?.CharSet is { Length: > 0 } charset)
        {
            try
            {
                encoding = Encoding.GetEncoding(charset.Trim('"'));
            }
            catch (ArgumentException)
            {
                // An unknown charset: UTF-8 is what feeds use in practice.
            }
        }

        var text = encoding.GetString(bytes);
        return text.Length > 0 && text[0] == '\uFEFF' ? text[1..] : text;
    }

    private static InvalidDataException TooLarge(Uri uri, long cap) =>
        new($"The tariff feed at {uri.Host}{uri.AbsolutePath} is larger than the cap of {cap} bytes.");
}
