namespace Scheduler.Functions.Vehicles;

/// <summary>A site's account at a vehicle API, resolved from its settings: what a client needs to call it.</summary>
/// <param name="SiteId">The site whose account it is (its tokens are kept per site).</param>
/// <param name="BaseUrl">The API's base URL.</param>
/// <param name="TokenUrl">The OAuth2 token endpoint.</param>
/// <param name="ClientId">The OAuth2 client id.</param>
/// <param name="InitialRefreshToken">The refresh token of the app settings, used until the API rotates it.</param>
public sealed record VehicleAccount(string SiteId, Uri BaseUrl, Uri TokenUrl, string ClientId, string InitialRefreshToken)
{
    /// <inheritdoc/>
    public override string ToString() => $"VehicleAccount {{ SiteId = {SiteId}, BaseUrl = {BaseUrl} }}";
}
