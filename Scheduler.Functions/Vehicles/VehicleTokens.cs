using NodaTime;

namespace Scheduler.Functions.Vehicles;

/// <summary>A vehicle account's OAuth2 tokens.</summary>
/// <param name="AccessToken">The bearer token of API calls.</param>
/// <param name="RefreshToken">The token of the next refresh.</param>
/// <param name="ExpiresAt">When the access token expires.</param>
/// <param name="UsedRefreshToken">The refresh token these were got with.</param>
public sealed record VehicleTokens(string AccessToken, string RefreshToken, Instant ExpiresAt, string UsedRefreshToken)
{
    /// <inheritdoc/>
    public override string ToString() => $"VehicleTokens {{ ExpiresAt = {ExpiresAt} }}";
}
