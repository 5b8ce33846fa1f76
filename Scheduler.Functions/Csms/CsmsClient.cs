using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace Scheduler.Functions.Csms;

/// <summary>
/// Posts SetChargingProfile requests to a CSMS (CitrineOS-style HTTP API) through the <c>"Csms"</c> HttpClient, whose
/// resilience pipeline (see <see cref="Configuration.HttpClientRegistration"/>) times out, retries with backoff and breaks the
/// circuit per station (<see cref="StationBreakerHandler"/>), so that one broken station does not stop its neighbours.
/// Retrying a POST is safe here: a profile with the same id replaces itself (RELIABILITY case 23).
/// </summary>
public sealed class CsmsClient : ICsmsClient
{
    /// <summary>The name of the HttpClient this client uses.</summary>
    public const string HttpClientName = "Csms";

    private readonly IHttpClientFactory _httpClients;
    private readonly ILogger<CsmsClient> _logger;

    /// <summary>A client that takes its HttpClient from <paramref name="httpClients"/> for each send.</summary>
    public CsmsClient(IHttpClientFactory httpClients, ILogger<CsmsClient> logger)
    {
        _httpClients = httpClients;
        _logger = logger;
    }

    /// <inheritdoc />
    public Task<CsmsOutcome> SendChargingProfileAsync(CsmsTarget target, string stationId, JsonElement payload, CancellationToken ct) =>
        SendChargingProfileAsync(target, stationId, payload, null, ct);

    /// <inheritdoc />
    public async Task<CsmsOutcome> SendChargingProfileAsync(CsmsTarget target, string stationId, JsonElement payload, Func<CancellationToken, ValueTask<bool>>? beforeAttempt, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrEmpty(stationId);
        var counter = new AttemptCounter.StrongBox();
        using var request = new HttpRequestMessage(HttpMethod.Post, target.RequestUri(stationId))
        {
            // Buffered content, so that every retry sends the same bytes.
            Content = new StringContent(payload.GetRawText(), new MediaTypeHeaderValue("application/json")),
        };
        if (target.AuthorizationHeader is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", target.AuthorizationHeader);
        }

        request.Options.Set(AttemptCounter.Key, counter);
        request.Options.Set(StationBreakerHandler.StationKey, stationId);
        if (beforeAttempt is not null)
        {
            request.Options.Set(AttemptGate.Key, beforeAttempt);
        }

        var outcome = await SendAsync(request, counter, ct);
        if (outcome.Kind == CsmsOutcomeKind.Accepted)
        {
            _logger.LogInformation("CSMS {Host} accepted the profile for station {StationId} after {Attempts} attempt(s)", target.BaseUrl.Authority, stationId, outcome.Attempts);
        }
        else
        {
            _logger.LogWarning(
                "CSMS {Host} answered {Outcome} for station {StationId} after {Attempts} attempt(s): {Reason}",
                target.BaseUrl.Authority, outcome.Kind, stationId, outcome.Attempts, outcome.Reason);
        }

        return outcome;
    }

    private async Task<CsmsOutcome> SendAsync(HttpRequestMessage request, AttemptCounter.StrongBox counter, CancellationToken ct)
    {
        try
        {
            var http = _httpClients.CreateClient(HttpClientName);
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, ct);
            var body = await response.Content.ReadAsStringAsync(ct);
            return CsmsAnswerReader.Read(response.StatusCode, body, counter.Count);
        }
        catch (AttemptGate.WithdrawnException)
        {
            return new CsmsOutcome(CsmsOutcomeKind.Withdrawn, "withdrawn before an attempt", null, counter.Count);
        }
        catch (BrokenCircuitException)
        {
            return new CsmsOutcome(CsmsOutcomeKind.Failed, "circuit open", null, counter.Count);
        }
        catch (TimeoutRejectedException)
        {
            return new CsmsOutcome(CsmsOutcomeKind.Failed, "timed out", null, counter.Count);
        }
        catch (HttpRequestException e)
        {
            return new CsmsOutcome(CsmsOutcomeKind.Failed, "no connection: " + e.Message, null, counter.Count);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            // Cancelled from inside (HttpClient.Timeout), not by the caller: a timeout too.
            return new CsmsOutcome(CsmsOutcomeKind.Failed, "timed out", null, counter.Count);
        }
    }
}
