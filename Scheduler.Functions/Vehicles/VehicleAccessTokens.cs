using System.Globalization;
using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using NodaTime;

namespace Scheduler.Functions.Vehicles;

/// <summary>
/// The access tokens of vehicle accounts: the stored one while it is valid, otherwise a new one from the OAuth2
/// refresh_token grant with the newest refresh token (the table's, or the app setting's before the first refresh).
/// </summary>
public sealed partial class VehicleAccessTokens
{
    // A token this close to its expiry is refreshed first, so a call never starts with a token about to lapse.
    private static readonly Duration ExpiryMargin = Duration.FromMinutes(1);

    private readonly IHttpClientFactory _http;
    private readonly VehicleTokenStore _store;
    private readonly IClock _clock;
    private readonly ILogger<VehicleAccessTokens> _logger;

    /// <summary>Creates the service.</summary>
    public VehicleAccessTokens(IHttpClientFactory http, VehicleTokenStore store, IClock clock, ILogger<VehicleAccessTokens> logger)
    {
        _http = http;
        _store = store;
        _clock = clock;
        _logger = logger;
    }

    /// <summary>An access token for <paramref name="account"/>, or null when none could be had.</summary>
    /// <param name="account">The account.</param>
    /// <param name="refresh">True to refresh even a token that has not expired (the API refused it).</param>
    /// <param name="cancellationToken">Cancels the calls.</param>
    public async Task<string?> GetAsync(VehicleAccount account, bool refresh, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(account);
        var stored = await _store.GetAsync(account.SiteId, cancellationToken).ConfigureAwait(false);
        if (!refresh && stored is not null && stored.ExpiresAt > _clock.GetCurrentInstant() + ExpiryMargin)
        {
            return stored.AccessToken;
        }

        var refreshToken = stored?.RefreshToken ?? account.InitialRefreshToken;
        var fresh = await RefreshAsync(account, refreshToken, cancellationToken).ConfigureAwait(false);
        if (fresh is not null)
        {
            await _store.SaveAsync(account.SiteId, fresh, cancellationToken).ConfigureAwait(false);
            return fresh.AccessToken;
        }

        // Another instance may have spent the same refresh token a moment ago: its tokens are then the newest.
        var again = await _store.GetAsync(account.SiteId, cancellationToken).ConfigureAwait(false);
        return again is not null && again.RefreshToken != refreshToken && again.ExpiresAt > _clock.GetCurrentInstant() ? again.AccessToken : null;
    }

    private async Task<VehicleTokens?> RefreshAsync(VehicleAccount account, string refreshToken, CancellationToken cancellationToken)
    {
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "refresh_token",
            ["client_id"] = account.ClientId,
            ["refresh_token"] = refreshToken,
        });
        try
        {
            using var response = await _http.CreateClient(VehicleOptions.HttpClientName).PostAsync(account.TokenUrl, form, cancellationToken).ConfigureAwait(false);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                LogRefreshFailed(_logger, account.SiteId, ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture));
                return null;
            }

            using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false));
            var root = document.RootElement;
            var expiresIn = root.TryGetProperty("expires_in", out var seconds) ? seconds.GetDouble() : 3600;
            return new VehicleTokens(
                root.GetProperty("access_token").GetString()!,
                root.TryGetProperty("refresh_token", out var next) ? next.GetString()! : refreshToken,
                _clock.GetCurrentInstant() + Duration.FromSeconds(expiresIn),
                refreshToken);
        }
        catch (Exception e) when (e is HttpRequestException or JsonException or KeyNotFoundException or InvalidOperationException
            || (e is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            LogRefreshFailed(_logger, account.SiteId, e.Message);
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Site {SiteId}: the vehicle account's token refresh failed ({Reason})")]
    private static partial void LogRefreshFailed(ILogger logger, string siteId, string reason);
}
