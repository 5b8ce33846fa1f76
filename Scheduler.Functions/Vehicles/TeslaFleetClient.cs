using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using NodaTime;

namespace Scheduler.Functions.Vehicles;

/// <summary>
/// The Tesla Fleet API: <c>POST /api/1/vehicles/{id}/command/charge_start</c>, <c>charge_stop</c>,
/// <c>set_charging_amps</c> <c>{charging_amps}</c>, <c>set_charge_limit</c> <c>{percent}</c>, and
/// <c>GET /api/1/vehicles/{id}/vehicle_data?endpoints=charge_state</c>. A sleeping vehicle (408) is sent
/// <c>wake_up</c> and the call is to be made again; 429 passes on its Retry-After; a 401 refreshes the account's token
/// once (OAuth2 refresh_token grant) and tries again. The HTTP client does not retry: the caller's queue does, with backoff.
/// </summary>
public sealed class TeslaFleetClient : IVehicleClient
{
    /// <summary>The provider name of the site setting.</summary>
    public const string Provider = "tesla-fleet";

    // The wait asked of a 429 without a Retry-After of its own.
    private static readonly TimeSpan DefaultRetryAfter = TimeSpan.FromMinutes(1);

    private readonly IHttpClientFactory _http;
    private readonly VehicleAccessTokens _tokens;
    private readonly IClock _clock;

    /// <summary>Creates the client.</summary>
    public TeslaFleetClient(IHttpClientFactory http, VehicleAccessTokens tokens, IClock clock)
    {
        _http = http;
        _tokens = tokens;
        _clock = clock;
    }

    /// <inheritdoc/>
    public Task<VehicleOutcome> StartChargingAsync(VehicleAccount account, string vehicleId, CancellationToken cancellationToken = default) =>
        CommandAsync(account, vehicleId, "charge_start", null, cancellationToken);

    /// <inheritdoc/>
    public Task<VehicleOutcome> StopChargingAsync(VehicleAccount account, string vehicleId, CancellationToken cancellationToken = default) =>
        CommandAsync(account, vehicleId, "charge_stop", null, cancellationToken);

    /// <inheritdoc/>
    public Task<VehicleOutcome> SetChargingCurrentAsync(VehicleAccount account, string vehicleId, int currentA, CancellationToken cancellationToken = default) =>
        CommandAsync(account, vehicleId, "set_charging_amps", new JsonObject { ["charging_amps"] = currentA }, cancellationToken);

    /// <inheritdoc/>
    public Task<VehicleOutcome> SetChargeLimitAsync(VehicleAccount account, string vehicleId, int percent, CancellationToken cancellationToken = default) =>
        CommandAsync(account, vehicleId, "set_charge_limit", new JsonObject { ["percent"] = percent }, cancellationToken);

    /// <inheritdoc/>
    public Task<VehicleOutcome> ReadStateAsync(VehicleAccount account, string vehicleId, CancellationToken cancellationToken = default) =>
        CallAsync(account, vehicleId, HttpMethod.Get, $"api/1/vehicles/{Uri.EscapeDataString(vehicleId)}/vehicle_data?endpoints=charge_state", null, ReadChargeState, cancellationToken);

    private Task<VehicleOutcome> CommandAsync(VehicleAccount account, string vehicleId, string command, JsonObject? body, CancellationToken cancellationToken) =>
        CallAsync(account, vehicleId, HttpMethod.Post, $"api/1/vehicles/{Uri.EscapeDataString(vehicleId)}/command/{command}", body, ReadCommandResult, cancellationToken);

    private async Task<VehicleOutcome> CallAsync(
        VehicleAccount account, string vehicleId, HttpMethod method, string path, JsonObject? body, Func<JsonElement, VehicleOutcome> read, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(account);
        try
        {
            using var response = await SendAuthorizedAsync(account, method, path, body, cancellationToken).ConfigureAwait(false);
            if (response is null)
            {
                return new VehicleOutcome(VehicleOutcomeKind.Unreachable, "the vehicle account's token could not be refreshed");
            }

            return response.StatusCode switch
            {
                HttpStatusCode.OK => await ReadBodyAsync(response, read, cancellationToken).ConfigureAwait(false),
                HttpStatusCode.RequestTimeout => await WakeAsync(account, vehicleId, cancellationToken).ConfigureAwait(false),
                HttpStatusCode.TooManyRequests => new VehicleOutcome(VehicleOutcomeKind.RateLimited, "rate limited (429)", RetryAfter(response)),
                >= HttpStatusCode.InternalServerError => new VehicleOutcome(VehicleOutcomeKind.Unreachable, $"the API answered {(int)response.StatusCode}"),
                _ => new VehicleOutcome(VehicleOutcomeKind.Refused, $"{(int)response.StatusCode}: {await ErrorOfAsync(response, cancellationToken).ConfigureAwait(false)}"),
            };
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return new VehicleOutcome(VehicleOutcomeKind.Unreachable, e.Message);
        }
    }

    // A 401 means the access token expired or was revoked early: one refresh, then the answer stands.
    private async Task<HttpResponseMessage?> SendAuthorizedAsync(VehicleAccount account, HttpMethod method, string path, JsonObject? body, CancellationToken cancellationToken)
    {
        var token = await _tokens.GetAsync(account, refresh: false, cancellationToken).ConfigureAwait(false);
        if (token is null)
        {
            return null;
        }

        var response = await SendAsync(account, method, path, body, token, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.Unauthorized)
        {
            return response;
        }

        response.Dispose();
        token = await _tokens.GetAsync(account, refresh: true, cancellationToken).ConfigureAwait(false);
        return token is null ? null : await SendAsync(account, method, path, body, token, cancellationToken).ConfigureAwait(false);
    }

    private async Task<HttpResponseMessage> SendAsync(VehicleAccount account, HttpMethod method, string path, JsonObject? body, string token, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, new Uri(account.BaseUrl, path));
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        if (method == HttpMethod.Post)
        {
            request.Content = JsonContent.Create(body ?? new JsonObject());
        }

        return await _http.CreateClient(VehicleOptions.HttpClientName).SendAsync(request, cancellationToken).ConfigureAwait(false);
    }

    // The vehicle is asleep or offline: it is asked to wake, and the caller tries again once it had time to.
    private async Task<VehicleOutcome> WakeAsync(VehicleAccount account, string vehicleId, CancellationToken cancellationToken)
    {
        using var response = await SendAuthorizedAsync(account, HttpMethod.Post, $"api/1/vehicles/{Uri.EscapeDataString(vehicleId)}/wake_up", null, cancellationToken).ConfigureAwait(false);
        return response is { StatusCode: HttpStatusCode.TooManyRequests }
            ? new VehicleOutcome(VehicleOutcomeKind.RateLimited, "rate limited (429) while waking", RetryAfter(response))
            : new VehicleOutcome(VehicleOutcomeKind.Asleep, "the vehicle is asleep or offline (408): asked to wake");
    }

    private TimeSpan RetryAfter(HttpResponseMessage response)
    {
        var header = response.Headers.RetryAfter;
        if (header?.Delta is { } delta)
        {
            return delta;
        }

        return header?.Date is { } date && date - _clock.GetCurrentInstant().ToDateTimeOffset() is { } wait && wait > TimeSpan.Zero ? wait : DefaultRetryAfter;
    }

    private static async Task<VehicleOutcome> ReadBodyAsync(HttpResponseMessage response, Func<JsonElement, VehicleOutcome> read, CancellationToken cancellationToken)
    {
        try
        {
            using var document = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false), cancellationToken: cancellationToken).ConfigureAwait(false);
            return document.RootElement.TryGetProperty("response", out var inner) && inner.ValueKind == JsonValueKind.Object
                ? read(inner)
                : new VehicleOutcome(VehicleOutcomeKind.Unreachable, "the answer has no response object");
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or KeyNotFoundException or FormatException)
        {
            return new VehicleOutcome(VehicleOutcomeKind.Unreachable, "the answer is not the API's: " + e.Message);
        }
    }

    // {"response": {"result": true, "reason": ""}}: a command the vehicle did not carry out says why in reason.
    private static VehicleOutcome ReadCommandResult(JsonElement response) =>
        response.GetProperty("result").GetBoolean()
            ? VehicleOutcome.Done
            : new VehicleOutcome(VehicleOutcomeKind.Refused, response.TryGetProperty("reason", out var reason) ? reason.GetString() : "refused");

    private VehicleOutcome ReadChargeState(JsonElement response)
    {
        var state = response.GetProperty("charge_state");
        var charging = state.GetProperty("charging_state").GetString();
        return new VehicleOutcome(VehicleOutcomeKind.Done, State: new VehicleState(
            state.GetProperty("battery_level").GetDouble(),
            charging is not ("Disconnected" or null),
            charging is "Charging" or "Starting",
            state.GetProperty("charge_current_request").GetDouble(),
            state.GetProperty("charge_energy_added").GetDouble(),
            state.GetProperty("charger_power").GetDouble(),
            state.GetProperty("charge_limit_soc").GetDouble(),
            _clock.GetCurrentInstant()));
    }

    private static async Task<string> ErrorOfAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var document = JsonDocument.Parse(text);
            return document.RootElement.TryGetProperty("error", out var error) ? error.ToString() : text;
        }
        catch (JsonException)
        {
            return text.Length > 200 ? text[..200] : text;
        }
    }
}
