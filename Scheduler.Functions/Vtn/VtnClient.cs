using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace Scheduler.Functions.Vtn;

/// <summary>
/// Reads OpenADR 3 events page by page (<c>GET {base}/events?skip=N&amp;limit=50</c>) through the <c>"Vtn"</c>
/// HttpClient, whose standard resilience handler retries transient failures. Every page is followed, or events are
/// silently lost (RELIABILITY case 61); client-credentials tokens are cached and refreshed once on a 401 (case 63).
/// </summary>
public sealed class VtnClient : IVtnClient
{
    /// <summary>The name of the HttpClient this client uses.</summary>
    public const string HttpClientName = "Vtn";

    private readonly IHttpClientFactory _httpClients;
    private readonly VtnHttpOptions _options;
    private readonly TimeProvider _time;
    private readonly VtnTokenCache _tokens = new();

    /// <summary>A client; <paramref name="time"/> decides when a cached token has expired.</summary>
    public VtnClient(IHttpClientFactory httpClients, IOptions<VtnHttpOptions> options, TimeProvider time)
    {
        _httpClients = httpClients;
        _options = options.Value;
        _time = time;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<string>> GetEventsAsync(VtnSource source, CancellationToken ct)
    {
        var http = _httpClients.CreateClient(HttpClientName);
        var events = new List<string>();
        for (var page = 0; page < _options.MaxPages; page++)
        {
            var uri = PageUri(source, events.Count);
            var body = await GetAuthorizedAsync(http, source, uri, ct);
            var count = ReadPage(body, uri, events);

            // The VTN returns at most limit events; fewer means this was the last page.
            if (count < _options.PageSize)
            {
                return events;
            }
        }

        throw new InvalidDataException(
            $"The VTN at {source.BaseUrl} still returned full pages after {_options.MaxPages} pages; does it ignore 'skip'?");
    }

    private Uri PageUri(VtnSource source, int skip)
    {
        var query = new StringBuilder();
        if (source.ProgramId is not null)
        {
            query.Append("programID=").Append(Uri.EscapeDataString(source.ProgramId)).Append('&');
        }

        if (source.TargetType is not null)
        {
            query.Append("targetType=").Append(Uri.EscapeDataString(source.TargetType)).Append('&');
            foreach (var value in source.TargetValues)
            {
                query.Append("targetValues=").Append(Uri.EscapeDataString(value)).Append('&');
            }
        }

        query.Append(CultureInfo.InvariantCulture, $"skip={skip}&limit={_options.PageSize}");
        return new Uri(source.BaseUrl.AbsoluteUri.TrimEnd('/') + "/events?" + query);
    }

    private async Task<string> GetAuthorizedAsync(HttpClient http, VtnSource source, Uri uri, CancellationToken ct)
    {
        var token = await TokenAsync(http, source.Auth, ct);
        var (status, body) = await GetAsync(http, uri, token, ct);
        if (status == HttpStatusCode.Unauthorized && source.Auth is VtnClientCredentials credentials)
        {
            // The token expired early or was revoked: fetch a new one, once.
            _tokens.Invalidate(credentials, token);
            token = await TokenAsync(http, source.Auth, ct);
            (status, body) = await GetAsync(http, uri, token, ct);
        }

        return status switch
        {
            HttpStatusCode.Unauthorized => throw new VtnAccessDeniedException(
                source.Auth is VtnClientCredentials
                    ? $"The VTN at {source.BaseUrl} refused a freshly issued token (401); check the client's registration."
                    : $"The VTN at {source.BaseUrl} refused the static bearer token (401); it has expired or been revoked.",
                status),
            HttpStatusCode.Forbidden => throw new VtnAccessDeniedException(
                $"The VTN at {source.BaseUrl} denied our VEN access to its events (403); the VEN lacks the right to read them.",
                status),
            _ when (int)status is >= 200 and < 300 => body,
            _ => throw new HttpRequestException($"GET {uri.AbsolutePath} at the VTN answered HTTP {(int)status} {status}.", null, status),
        };
    }

    private static async Task<(HttpStatusCode Status, string Body)> GetAsync(HttpClient http, Uri uri, string token, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, uri);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        using var response = await http.SendAsync(request, ct);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(ct));
    }

    private static int ReadPage(string body, Uri uri, List<string> events)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"GET {uri.PathAndQuery} at the VTN did not answer JSON: {e.Message}", e);
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Array)
            {
                throw new InvalidDataException(
                    $"GET {uri.PathAndQuery} at the VTN answered a JSON {document.RootElement.ValueKind.ToString().ToLowerInvariant()}; expected an array of events.");
            }

            var count = 0;
            foreach (var item in document.RootElement.EnumerateArray())
            {
                if (item.ValueKind != JsonValueKind.Object)
                {
                    throw new InvalidDataException($"GET {uri.PathAndQuery} at the VTN: item [{count}] is a {item.ValueKind}, not an event object.");
                }

                events.Add(item.GetRawText());
                count++;
            }

            return count;
        }
    }

    private async Task<string> TokenAsync(HttpClient http, VtnAuth auth, CancellationToken ct)
    {
        if (auth is VtnBearerToken bearer)
        {
            return bearer.Token;
        }

        var credentials = (VtnClientCredentials)auth;
        if (_tokens.Get(credentials, _time.GetUtcNow()) is { } cached)
        {
            return cached;
        }

        var fields = new List<KeyValuePair<string, string>> { new("grant_type", "client_credentials") };
        if (credentials.Scope is not null)
        {
            fields.Add(new("scope", credentials.Scope));
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, credentials.TokenUrl) { Content = new FormUrlEncodedContent(fields) };
        // RFC 6749 §2.3.1: the id and secret are form-encoded, then sent with HTTP Basic, which every server must support.
        var basic = Uri.EscapeDataString(credentials.ClientId) + ":" + Uri.EscapeDataString(credentials.ClientSecret);
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(basic)));
        var requestedAt = _time.GetUtcNow();
        using var response = await http.SendAsync(request, ct);
        var body = await response.Content.ReadAsStringAsync(ct);
        if (response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
        {
            throw new VtnAccessDeniedException(
                $"The token endpoint {credentials.TokenUrl} refused client '{credentials.ClientId}' (HTTP {(int)response.StatusCode}).",
                response.StatusCode);
        }

        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"The token endpoint {credentials.TokenUrl} answered HTTP {(int)response.StatusCode}.", null, response.StatusCode);
        }

        var (token, expiresIn) = ReadToken(body, credentials.TokenUrl);

        // Expiry counts from the request, not the answer, so that a slow answer cannot make us use a dead token.
        DateTimeOffset? useUntil = expiresIn is { } seconds ? requestedAt + TimeSpan.FromSeconds(seconds) - _options.TokenRefreshMargin : null;
        _tokens.Set(credentials, token, useUntil);
        return token;
    }

    private static (string Token, double? ExpiresInSeconds) ReadToken(string body, Uri tokenUrl)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("access_token", out var token) || token.ValueKind != JsonValueKind.String
                || string.IsNullOrEmpty(token.GetString()))
            {
                throw new InvalidDataException($"The token endpoint {tokenUrl} answered without an 'access_token' string.");
            }

            // expires_in is only RECOMMENDED (RFC 6749 §5.1); without it the token is used until the VTN refuses it.
            double? expiresIn = root.TryGetProperty("expires_in", out var e) && e.ValueKind == JsonValueKind.Number ? e.GetDouble() : null;
            return (token.GetString()!, expiresIn);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"The token endpoint {tokenUrl} did not answer JSON: {e.Message}", e);
        }
    }
}
