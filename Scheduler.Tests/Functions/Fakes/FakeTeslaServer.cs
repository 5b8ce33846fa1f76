using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Scheduler.Tests.Functions.Fakes;

/// <summary>
/// The Tesla Fleet API on loopback, with its request and response shapes: <c>POST /api/1/vehicles/{id}/command/…</c>
/// (<c>charge_start</c>, <c>charge_stop</c>, <c>set_charging_amps</c> {charging_amps}, <c>set_charge_limit</c>
/// {percent}) answering <c>{"response":{"result","reason"}}</c>, <c>GET …/vehicle_data</c> with its charge_state,
/// <c>POST …/wake_up</c>, and the OAuth2 token endpoint with single-use refresh tokens. It refuses what the real one
/// refuses: a sleeping vehicle (408 until woken), a rate limit (429 with Retry-After), amps below 5 or above the
/// vehicle's 32, an expired token (401), and it can stop answering (503).
/// </summary>
public sealed class FakeTeslaServer : IAsyncDisposable
{
    /// <summary>The client id the account authorised.</summary>
    public const string ClientId = "fleet-client";

    /// <summary>The refresh token the account starts with.</summary>
    public const string FirstRefreshToken = "rt-0";

    private readonly object _gate = new();
    private readonly Dictionary<string, Car> _cars = new(StringComparer.Ordinal);
    private readonly List<string> _commands = [];
    private string _accessToken = "none";
    private string _refreshToken = FirstRefreshToken;
    private int _tokens;
    private int _rateLimited;
    private WebApplication? _app;

    private FakeTeslaServer()
    {
    }

    /// <summary>The API root, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri BaseUrl { get; private set; } = null!;

    /// <summary>The OAuth2 token endpoint.</summary>
    public Uri TokenUrl => new(BaseUrl, "oauth2/v3/token");

    /// <summary>Whether every vehicle call answers 503, as an API that is down.</summary>
    public bool Down { get; set; }

    /// <summary>How many refreshes succeeded.</summary>
    public int Refreshes => Volatile.Read(ref _tokens);

    /// <summary>Every command and wake received with a valid token, as <c>{vehicle} {command} {body}</c>, in order.</summary>
    public IReadOnlyList<string> Commands
    {
        get
        {
            lock (_gate)
            {
                return [.. _commands];
            }
        }
    }

    /// <summary>A started server.</summary>
    public static async Task<FakeTeslaServer> StartAsync()
    {
        var server = new FakeTeslaServer();
        (server._app, server.BaseUrl) = await LoopbackHost.StartAsync(app =>
        {
            app.MapPost("/oauth2/v3/token", server.TokenAsync);
            app.MapGet("/api/1/vehicles/{id}/vehicle_data", (HttpContext c, string id) => server.VehicleAsync(c, id, "vehicle_data"));
            app.MapPost("/api/1/vehicles/{id}/wake_up", (HttpContext c, string id) => server.VehicleAsync(c, id, "wake_up"));
            app.MapPost("/api/1/vehicles/{id}/command/{command}", (HttpContext c, string id, string command) => server.VehicleAsync(c, id, command));
        });
        return server;
    }

    /// <summary>Adds a vehicle, plugged in and stopped, at 40 %.</summary>
    public void AddVehicle(string id, bool asleep = false)
    {
        lock (_gate)
        {
            _cars[id] = new Car { Asleep = asleep };
        }
    }

    /// <summary>Puts a vehicle to sleep: its next calls answer 408 until it is woken.</summary>
    public void Sleep(string id)
    {
        lock (_gate)
        {
            _cars[id].Asleep = true;
        }
    }

    /// <summary>The next <paramref name="count"/> vehicle calls answer 429 with Retry-After <paramref name="retryAfterSeconds"/>.</summary>
    public void RateLimitNext(int count, int retryAfterSeconds)
    {
        lock (_gate)
        {
            _rateLimited = count;
            RetryAfterSeconds = retryAfterSeconds;
        }
    }

    /// <summary>Makes the access token issued last invalid, as one that expired early.</summary>
    public void ExpireAccessToken()
    {
        lock (_gate)
        {
            _accessToken = "expired";
        }
    }

    /// <summary>What the vehicle is doing: charging, at which requested amps.</summary>
    public (bool Charging, int Amps, double EnergyAddedKwh) StateOf(string id)
    {
        lock (_gate)
        {
            var car = _cars[id];
            return (car.Charging, car.Amps, car.EnergyAddedKwh);
        }
    }

    /// <summary>Lets <paramref name="minutes"/> pass for every vehicle: one that charges adds its amps × 230 V × 3 phases.</summary>
    public void Run(double minutes)
    {
        lock (_gate)
        {
            foreach (var car in _cars.Values.Where(c => c.Charging))
            {
                car.EnergyAddedKwh += car.Amps * 230.0 * 3 / 1000 * minutes / 60;
            }
        }
    }

    private int RetryAfterSeconds { get; set; }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }

    private async Task TokenAsync(HttpContext context)
    {
        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        string? issued = null;
        lock (_gate)
        {
            // A refresh token is good for one refresh: the answer carries the next one.
            if (form["grant_type"] == "refresh_token" && form["client_id"] == ClientId && form["refresh_token"] == _refreshToken)
            {
                var n = Interlocked.Increment(ref _tokens);
                _accessToken = $"at-{n}";
                _refreshToken = $"rt-{n}";
                issued = new JsonObject { ["access_token"] = _accessToken, ["refresh_token"] = _refreshToken, ["expires_in"] = 28800, ["token_type"] = "Bearer" }.ToJsonString();
            }
        }

        context.Response.ContentType = "application/json";
        context.Response.StatusCode = issued is null ? StatusCodes.Status401Unauthorized : StatusCodes.Status200OK;
        await context.Response.WriteAsync(issued ?? """{"error":"login_required","error_description":"The refresh_token is invalid"}""");
    }

    private async Task VehicleAsync(HttpContext context, string id, string command)
    {
        var body = context.Request.Method == "POST" ? await JsonNode.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted) as JsonObject : null;
        var (status, answer, retryAfter) = Answer(context.Request.Headers.Authorization.ToString(), id, command, body);
        context.Response.StatusCode = status;
        if (retryAfter is { } seconds)
        {
            context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        }

        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(answer.ToJsonString());
    }

    private (int Status, JsonObject Answer, int? RetryAfter) Answer(string authorization, string id, string command, JsonObject? body)
    {
        lock (_gate)
        {
            if (authorization != "Bearer " + _accessToken)
            {
                return (StatusCodes.Status401Unauthorized, new JsonObject { ["error"] = "token expired (401)" }, null);
            }

            if (Down)
            {
                return (StatusCodes.Status503ServiceUnavailable, new JsonObject { ["error"] = "upstream unavailable" }, null);
            }

            if (_rateLimited > 0)
            {
                _rateLimited--;
                return (StatusCodes.Status429TooManyRequests, new JsonObject { ["error"] = "Account or server is rate limited" }, RetryAfterSeconds);
            }

            if (!_cars.TryGetValue(id, out var car))
            {
                return (StatusCodes.Status404NotFound, new JsonObject { ["error"] = "not_found" }, null);
            }

            if (command == "wake_up")
            {
                _commands.Add($"{id} wake_up");
                car.Asleep = false;
                return (StatusCodes.Status200OK, new JsonObject { ["response"] = new JsonObject { ["id"] = 1, ["state"] = "asleep" } }, null);
            }

            if (car.Asleep)
            {
                return (StatusCodes.Status408RequestTimeout, new JsonObject { ["error"] = "vehicle unavailable: vehicle is offline or asleep" }, null);
            }

            if (command == "vehicle_data")
            {
                return (StatusCodes.Status200OK, ChargeState(car), null);
            }

            _commands.Add($"{id} {command} {body?.ToJsonString(new JsonSerializerOptions { WriteIndented = false }) ?? "{}"}");
            return (StatusCodes.Status200OK, Result(Command(car, command, body)), null);
        }
    }

    private static string? Command(Car car, string command, JsonObject? body)
    {
        switch (command)
        {
            case "charge_start":
                car.Charging = true;
                return null;
            case "charge_stop":
                car.Charging = false;
                return null;
            case "set_charging_amps":
                var amps = body?["charging_amps"]?.GetValue<int>() ?? -1;
                if (amps is < 5 or > 32)
                {
                    return $"charging_amps {amps} is outside 5 to 32";
                }

                car.Amps = amps;
                return null;
            case "set_charge_limit":
                var percent = body?["percent"]?.GetValue<int>() ?? -1;
                if (percent is < 50 or > 100)
                {
                    return "invalid_charge_limit";
                }

                car.Limit = percent;
                return null;
            default:
                return "unknown_command";
        }
    }

    private static JsonObject Result(string? refusal) =>
        new() { ["response"] = new JsonObject { ["result"] = refusal is null, ["reason"] = refusal ?? string.Empty } };

    private static JsonObject ChargeState(Car car) => new()
    {
        ["response"] = new JsonObject
        {
            ["id"] = 1,
            ["state"] = "online",
            ["charge_state"] = new JsonObject
            {
                ["battery_level"] = 40 + (int)(car.EnergyAddedKwh / 0.75),
                ["charging_state"] = car.Charging ? "Charging" : "Stopped",
                ["charge_amps"] = car.Amps,
                ["charge_current_request"] = car.Amps,
                ["charge_current_request_max"] = 32,
                ["charge_energy_added"] = Math.Round(car.EnergyAddedKwh, 2),
                ["charger_power"] = car.Charging ? Math.Round(car.Amps * 230.0 * 3 / 1000) : 0,
                ["charge_limit_soc"] = car.Limit,
            },
        },
    };

    private sealed class Car
    {
        public bool Asleep { get; set; }

        public bool Charging { get; set; }

        public int Amps { get; set; } = 16;

        public int Limit { get; set; } = 80;

        public double EnergyAddedKwh { get; set; }
    }
}
