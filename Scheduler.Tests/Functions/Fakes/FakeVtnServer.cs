using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Scheduler.Tests.Functions.Fakes;

/// <summary>
/// An OpenADR 3 VTN on loopback: <c>GET /events?skip=&amp;limit=</c> over the events the test sets (limit capped at
/// 50, <c>programID</c> honoured), bearer tokens checked, and <c>POST /token</c> issuing client-credentials tokens.
/// </summary>
public sealed class FakeVtnServer : IAsyncDisposable
{
    /// <summary>The largest page the VTN serves, as OpenADR 3 allows.</summary>
    public const int MaxLimit = 50;

    private readonly object _gate = new();
    private readonly HashSet<string> _validTokens = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _clients = new(StringComparer.Ordinal);
    private readonly List<string> _eventQueries = [];
    private List<string> _events = [];
    private string? _eventsBody;
    private int _tokensIssued;
    private int _tokenRequests;
    private WebApplication? _app;

    private FakeVtnServer()
    {
    }

    /// <summary>The VTN's API root, e.g. <c>http://127.0.0.1:41234/</c>; events are at <c>events</c> below it.</summary>
    public Uri BaseUrl { get; private set; } = null!;

    /// <summary>The client-credentials token endpoint.</summary>
    public Uri TokenUrl => new(BaseUrl, "token");

    /// <summary>The <c>expires_in</c> of issued tokens, in seconds; <see langword="null"/> leaves it out.</summary>
    /// <value>The default is 3600.</value>
    public int? TokenExpiresInSeconds { get; set; } = 3600;

    /// <summary>Whether <c>GET /events</c> answers 403 to every valid token.</summary>
    public bool DenyEvents { get; set; }

    /// <summary>How many requests reached <c>POST /token</c>, refused ones included.</summary>
    public int TokenRequests => Volatile.Read(ref _tokenRequests);

    /// <summary>The query string of every <c>GET /events</c> with a valid token, in order (e.g. <c>?skip=50&amp;limit=50</c>).</summary>
    public IReadOnlyList<string> EventQueries
    {
        get
        {
            lock (_gate)
            {
                return _eventQueries.ToList();
            }
        }
    }

    /// <summary>A started server.</summary>
    public static async Task<FakeVtnServer> StartAsync()
    {
        var server = new FakeVtnServer();
        (server._app, server.BaseUrl) = await LoopbackHost.StartAsync(app =>
        {
            app.MapGet("/events", server.GetEventsAsync);
            app.MapPost("/token", server.IssueTokenAsync);
        });
        return server;
    }

    /// <summary>The events to serve, each a JSON object's text.</summary>
    public void SetEvents(IEnumerable<string> eventsJson)
    {
        lock (_gate)
        {
            _events = eventsJson.ToList();
            _eventsBody = null;
        }
    }

    /// <summary>Serves <paramref name="rawBody"/> as every events page instead of the events, e.g. a JSON object.</summary>
    public void SetEventsBody(string rawBody)
    {
        lock (_gate)
        {
            _eventsBody = rawBody;
        }
    }

    /// <summary>Accepts <paramref name="token"/> as a static bearer token.</summary>
    public void AddStaticToken(string token)
    {
        lock (_gate)
        {
            _validTokens.Add(token);
        }
    }

    /// <summary>Registers a client that may get tokens from <see cref="TokenUrl"/>.</summary>
    public void AddClient(string clientId, string clientSecret)
    {
        lock (_gate)
        {
            _clients[clientId] = clientSecret;
        }
    }

    /// <summary>Makes every token issued or added so far invalid: the next use of one answers 401.</summary>
    public void RevokeTokens()
    {
        lock (_gate)
        {
            _validTokens.Clear();
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }

    private async Task GetEventsAsync(HttpContext context)
    {
        var header = context.Request.Headers.Authorization.ToString();
        var token = header.StartsWith("Bearer ", StringComparison.Ordinal) ? header["Bearer ".Length..] : null;
        string? body;
        lock (_gate)
        {
            if (token is null || !_validTokens.Contains(token))
            {
                context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                return;
            }

            if (DenyEvents)
            {
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                return;
            }

            _eventQueries.Add(context.Request.QueryString.Value ?? "");
            body = _eventsBody ?? Page(context.Request.Query);
        }

        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(body);
    }

    private string Page(IQueryCollection query)
    {
        var skip = int.TryParse(query["skip"], CultureInfo.InvariantCulture, out var s) ? s : 0;
        var limit = int.TryParse(query["limit"], CultureInfo.InvariantCulture, out var l) ? Math.Min(l, MaxLimit) : MaxLimit;
        var programId = query["programID"].ToString();
        var selected = _events
            .Where(e => programId.Length == 0 || JsonNode.Parse(e)?["programID"]?.GetValue<string>() == programId)
            .Skip(skip)
            .Take(limit);
        return "[" + string.Join(",", selected) + "]";
    }

    private async Task IssueTokenAsync(HttpContext context)
    {
        Interlocked.Increment(ref _tokenRequests);
        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        var (clientId, secret) = Credentials(context.Request.Headers.Authorization.ToString(), form);
        string? token = null;
        lock (_gate)
        {
            if (form["grant_type"] == "client_credentials" && clientId is not null && _clients.TryGetValue(clientId, out var known) && known == secret)
            {
                token = "token-" + ++_tokensIssued;
                _validTokens.Add(token);
            }
        }

        context.Response.ContentType = "application/json";
        if (token is null)
        {
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            await context.Response.WriteAsync("""{"error":"invalid_client"}""");
            return;
        }

        var answer = new JsonObject { ["access_token"] = token, ["token_type"] = "Bearer" };
        if (TokenExpiresInSeconds is { } seconds)
        {
            answer["expires_in"] = seconds;
        }

        await context.Response.WriteAsync(answer.ToJsonString());
    }

    private static (string? ClientId, string? Secret) Credentials(string authorization, IFormCollection form)
    {
        if (authorization.StartsWith("Basic ", StringComparison.Ordinal))
        {
            var pair = Encoding.UTF8.GetString(Convert.FromBase64String(authorization["Basic ".Length..]));
            var colon = pair.IndexOf(':', StringComparison.Ordinal);
            return colon < 0 ? (null, null) : (Uri.UnescapeDataString(pair[..colon]), Uri.UnescapeDataString(pair[(colon + 1)..]));
        }

        return (form["client_id"].ToString(), form["client_secret"].ToString());
    }
}
