using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Extensions;

namespace Scheduler.Tests.Functions.Fakes;

/// <summary>
/// A tariff feed on loopback: every <c>GET</c> answers the body the test set (or the status it set), and every
/// request's path, query and headers are recorded.
/// </summary>
public sealed class FakeFeedServer : IAsyncDisposable
{
    private readonly object _gate = new();
    private readonly List<FeedRequest> _requests = [];
    private string _body = "[]";
    private string _contentType = "application/json";
    private int _status = StatusCodes.Status200OK;
    private WebApplication? _app;

    private FakeFeedServer()
    {
    }

    /// <summary>The feed's root, e.g. <c>http://127.0.0.1:41234/</c>; any path below it is served.</summary>
    public Uri BaseUrl { get; private set; } = null!;

    /// <summary>Every request that reached the feed, in order.</summary>
    public IReadOnlyList<FeedRequest> Requests
    {
        get
        {
            lock (_gate)
            {
                return _requests.ToList();
            }
        }
    }

    /// <summary>A started server, answering an empty JSON array until told otherwise.</summary>
    public static async Task<FakeFeedServer> StartAsync()
    {
        var server = new FakeFeedServer();
        (server._app, server.BaseUrl) = await LoopbackHost.StartAsync(app => app.MapGet("/{**path}", server.AnswerAsync));
        return server;
    }

    /// <summary>Answers every request with 200 and <paramref name="body"/>.</summary>
    public void Serve(string body, string contentType = "application/json")
    {
        lock (_gate)
        {
            _body = body;
            _contentType = contentType;
            _status = StatusCodes.Status200OK;
        }
    }

    /// <summary>Answers every request with <paramref name="status"/> and an empty body, e.g. 503 during an outage.</summary>
    public void Fail(int status)
    {
        lock (_gate)
        {
            _status = status;
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

    private async Task AnswerAsync(HttpContext context)
    {
        string body;
        string contentType;
        int status;
        lock (_gate)
        {
            _requests.Add(new FeedRequest(
                context.Request.GetEncodedPathAndQuery(),
                context.Request.Query.ToDictionary(q => q.Key, q => q.Value.ToString(), StringComparer.Ordinal),
                context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase)));
            (body, contentType, status) = (_body, _contentType, _status);
        }

        context.Response.StatusCode = status;
        if (status == StatusCodes.Status200OK)
        {
            context.Response.ContentType = contentType;
            await context.Response.WriteAsync(body);
        }
    }
}

/// <summary>One request the fake feed received.</summary>
/// <param name="PathAndQuery">The path and query as sent (encoded).</param>
/// <param name="Query">The query parameters, decoded.</param>
/// <param name="Headers">The request headers.</param>
public sealed record FeedRequest(string PathAndQuery, IReadOnlyDictionary<string, string> Query, IReadOnlyDictionary<string, string> Headers);
