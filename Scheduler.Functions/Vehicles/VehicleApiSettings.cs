namespace Scheduler.Functions.Vehicles;

/// <summary>
/// A site's account at a vehicle maker's API (the Tesla Fleet API), and which of its vehicles are controlled through
/// it. Secrets are never stored here: the <c>*Setting</c> fields name app settings (Key Vault references in Azure).
/// </summary>
public sealed record VehicleApiSettings
{
    /// <summary>The API: <c>tesla-fleet</c>, the only one so far. The default is tesla-fleet.</summary>
    public string Provider { get; init; } = TeslaFleetClient.Provider;

    /// <summary>
    /// The API's base URL: the Fleet API of the account's region (e.g. https://fleet-api.prd.eu.vn.cloud.tesla.com), or
    /// the vehicle-command proxy that signs commands for it.
    /// </summary>
    public required string BaseUrl { get; init; }

    /// <summary>The OAuth2 token endpoint. The default is https://auth.tesla.com/oauth2/v3/token.</summary>
    public string TokenUrl { get; init; } = "https://auth.tesla.com/oauth2/v3/token";

    /// <summary>The app setting holding the OAuth2 client id of the application the account authorised.</summary>
    public required string ClientIdSetting { get; init; }

    /// <summary>The app setting holding the account's first refresh token (the API rotates it; the newest is kept in the <c>VehicleTokens</c> table).</summary>
    public required string RefreshTokenSetting { get; init; }

    /// <summary>The vehicles of the site's sessions (by the session's vehicle id) and how each is controlled.</summary>
    public IReadOnlyDictionary<string, VehicleRoute> Vehicles { get; init; } = new Dictionary<string, VehicleRoute>(StringComparer.Ordinal);
}
