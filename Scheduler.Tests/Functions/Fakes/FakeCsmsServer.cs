using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Scheduler.Protocols.Ocpp;

namespace Scheduler.Tests.Functions.Fakes;

/// <summary>
/// A CitrineOS-like CSMS on loopback: <c>POST /ocpp/{version}/smartcharging/setChargingProfile?identifier=…[&amp;tenantId=…]</c>.
/// Every body is checked against the official OCPP schema of its version (then OCPP's rules, through
/// <see cref="ChargingProfileValidator"/>) and recorded; an invalid one is answered HTTP 400. A valid one is answered as
/// the station's behaviour says, after any failures queued with <see cref="FailNext"/>.
/// </summary>
public sealed class FakeCsmsServer : IAsyncDisposable
{
    private readonly object _gate = new();
    private readonly List<CsmsRequest> _requests = [];
    private readonly Dictionary<string, Station> _stations = new(StringComparer.Ordinal);
    private readonly List<(int Count, TaskCompletionSource Reached)> _waiters = [];
    private WebApplication? _app;
    private int _cancelledWhileHung;

    private FakeCsmsServer()
    {
    }

    /// <summary>The server's root, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri BaseUrl { get; private set; } = null!;

    /// <summary>Every request received so far, in order of arrival.</summary>
    public IReadOnlyList<CsmsRequest> Requests
    {
        get
        {
            lock (_gate)
            {
                return _requests.ToList();
            }
        }
    }

    /// <summary>How many hung requests the client abandoned (timed out or cancelled) before they were released.</summary>
    public int CancelledWhileHung => Volatile.Read(ref _cancelledWhileHung);

    /// <summary>A started server.</summary>
    public static async Task<FakeCsmsServer> StartAsync()
    {
        // Build both schemas now, so that the first request is not slowed by it and mistaken for a slow CSMS.
        _ = Validate("{}", OcppVersion.V16, "warm-up");
        _ = Validate("{}", OcppVersion.V201, "warm-up");
        var server = new FakeCsmsServer();
        (server._app, server.BaseUrl) = await LoopbackHost.StartAsync(app =>
            app.MapPost("/ocpp/{version}/smartcharging/setChargingProfile", server.HandleAsync));
        return server;
    }

    /// <summary>From now on, answers valid requests for <paramref name="stationId"/> as <paramref name="behaviour"/> says.</summary>
    public void Answer(string stationId, FakeCsmsBehaviour behaviour)
    {
        lock (_gate)
        {
            StationOf(stationId).Behaviour = behaviour;
        }
    }

    /// <summary>Answers the next <paramref name="count"/> valid requests for <paramref name="stationId"/> with <paramref name="httpStatus"/> (default 500).</summary>
    public void FailNext(string stationId, int count, int httpStatus = StatusCodes.Status500InternalServerError)
    {
        lock (_gate)
        {
            var station = StationOf(stationId);
            station.FailuresLeft = count;
            station.FailureStatus = httpStatus;
        }
    }

    /// <summary>Lets every hung request for <paramref name="stationId"/> answer Accepted, and answers later ones Accepted too.</summary>
    public void ReleaseHung(string stationId)
    {
        TaskCompletionSource release;
        lock (_gate)
        {
            var station = StationOf(stationId);
            station.Behaviour = FakeCsmsBehaviour.Accepted;
            release = station.Release;
            station.Release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        release.TrySetResult();
    }

    /// <summary>Completes once at least <paramref name="count"/> requests have been received.</summary>
    public Task WaitForRequestsAsync(int count, CancellationToken ct = default)
    {
        lock (_gate)
        {
            if (_requests.Count >= count)
            {
                return Task.CompletedTask;
            }

            var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((count, reached));
            return reached.Task.WaitAsync(ct);
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        List<TaskCompletionSource> releases;
        lock (_gate)
        {
            releases = _stations.Values.Select(s => s.Release).ToList();
        }

        // Hung handlers must end, or stopping the server would wait for them.
        releases.ForEach(r => r.TrySetResult());
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }

    private async Task HandleAsync(HttpContext context, string version)
    {
        var body = await new StreamReader(context.Request.Body).ReadToEndAsync(context.RequestAborted);
        var stationId = context.Request.Query["identifier"].ToString();
        var tenantId = context.Request.Query.TryGetValue("tenantId", out var tenant) ? tenant.ToString() : null;
        var authorization = context.Request.Headers.Authorization.Count > 0 ? context.Request.Headers.Authorization.ToString() : null;
        OcppVersion? ocppVersion = version switch { "1.6" => OcppVersion.V16, "2.0.1" => OcppVersion.V201, _ => null };
        var violations = Validate(body, ocppVersion, stationId);
        Record(new CsmsRequest(version, ocppVersion, stationId, tenantId, authorization, body, violations.Count == 0, violations));

        if (violations.Count > 0)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            var errors = new JsonArray(violations.Select(v => (JsonNode?)JsonValue.Create($"{v.Path}: {v.Message}")).ToArray());
            await WriteJsonAsync(context, new JsonObject { ["errorCode"] = "FormationViolation", ["errors"] = errors });
            return;
        }

        FakeCsmsBehaviour behaviour;
        TaskCompletionSource release;
        lock (_gate)
        {
            var station = StationOf(stationId);
            if (station.FailuresLeft > 0)
            {
                station.FailuresLeft--;
                context.Response.StatusCode = station.FailureStatus;
                return;
            }

            behaviour = station.Behaviour;
            release = station.Release;
        }

        if (behaviour is FakeCsmsBehaviour.HangAnswer)
        {
            try
            {
                await release.Task.WaitAsync(context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                Interlocked.Increment(ref _cancelledWhileHung);
                return;
            }

            behaviour = FakeCsmsBehaviour.Accepted;
        }

        JsonNode answer = behaviour switch
        {
            FakeCsmsBehaviour.RejectedAnswer r => new JsonObject
            {
                ["status"] = "Rejected",
                ["statusInfo"] = r.AdditionalInfo is null
                    ? new JsonObject { ["reasonCode"] = r.ReasonCode }
                    : new JsonObject { ["reasonCode"] = r.ReasonCode, ["additionalInfo"] = r.AdditionalInfo },
            },
            FakeCsmsBehaviour.NotSupportedAnswer => new JsonObject { ["errorCode"] = "NotSupported", ["errorDescription"] = "Smart charging is not supported" },
            FakeCsmsBehaviour.CitrineOsAnswer c => new JsonArray(new JsonObject { ["success"] = c.Success, ["payload"] = c.Payload }),
            _ => new JsonObject { ["status"] = "Accepted" },
        };
        await WriteJsonAsync(context, answer);
    }

    private static Task WriteJsonAsync(HttpContext context, JsonNode answer)
    {
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(answer.ToJsonString());
    }

    private static List<ProfileViolation> Validate(string body, OcppVersion? version, string stationId)
    {
        if (version is null)
        {
            return [new ProfileViolation("$", "the route's version is neither 1.6 nor 2.0.1")];
        }

        if (stationId.Length == 0)
        {
            return [new ProfileViolation("$", "the 'identifier' query parameter is missing")];
        }

        try
        {
            return JsonNode.Parse(body) is JsonObject payload
                ? ChargingProfileValidator.Validate(payload, version.Value).ToList()
                : [new ProfileViolation("$", "the body is not a JSON object")];
        }
        catch (JsonException e)
        {
            return [new ProfileViolation("$", "the body is not JSON: " + e.Message)];
        }
    }

    private void Record(CsmsRequest request)
    {
        List<TaskCompletionSource> reached;
        lock (_gate)
        {
            _requests.Add(request);
            reached = _waiters.Where(w => _requests.Count >= w.Count).Select(w => w.Reached).ToList();
            _waiters.RemoveAll(w => _requests.Count >= w.Count);
        }

        reached.ForEach(r => r.TrySetResult());
    }

    private Station StationOf(string stationId)
    {
        if (!_stations.TryGetValue(stationId, out var station))
        {
            station = new Station();
            _stations[stationId] = station;
        }

        return station;
    }

    private sealed class Station
    {
        public FakeCsmsBehaviour Behaviour { get; set; } = FakeCsmsBehaviour.Accepted;

        public int FailuresLeft { get; set; }

        public int FailureStatus { get; set; } = StatusCodes.Status500InternalServerError;

        public TaskCompletionSource Release { get; set; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
