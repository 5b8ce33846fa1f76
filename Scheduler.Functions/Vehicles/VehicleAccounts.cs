using Microsoft.Extensions.Configuration;
using Scheduler.Functions.Sites;

namespace Scheduler.Functions.Vehicles;

/// <summary>Which sessions go the vehicle path, and the account they are commanded with, from a site's settings and the app settings.</summary>
public static class VehicleAccounts
{
    /// <summary>The route of <paramref name="vehicleId"/> when it goes through the vehicle's API, or null (the CSMS path).</summary>
    public static VehicleRoute? ApiRoute(SiteSettings settings, string? vehicleId)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return vehicleId is not null && settings.VehicleApi?.Vehicles.TryGetValue(vehicleId, out var route) == true && route.Dispatch == VehicleRoute.VehicleApi
            ? route
            : null;
    }

    /// <summary>The site's account with its secrets, or null where the settings or the secrets are missing.</summary>
    /// <param name="siteId">The site.</param>
    /// <param name="settings">Its settings.</param>
    /// <param name="configuration">The app settings (Key Vault references in Azure).</param>
    /// <param name="problem">Why there is none.</param>
    public static VehicleAccount? Resolve(string siteId, SiteSettings settings, IConfiguration configuration, out string? problem)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(configuration);
        problem = null;
        if (settings.VehicleApi is not { } api)
        {
            problem = "the site has no vehicle account";
            return null;
        }

        var clientId = configuration[api.ClientIdSetting];
        var refreshToken = configuration[api.RefreshTokenSetting];
        if (string.IsNullOrEmpty(clientId) || string.IsNullOrEmpty(refreshToken))
        {
            problem = $"the app settings '{api.ClientIdSetting}' and '{api.RefreshTokenSetting}' must hold the vehicle account's client id and refresh token";
            return null;
        }

        return new VehicleAccount(siteId, new Uri(api.BaseUrl.TrimEnd('/') + "/"), new Uri(api.TokenUrl), clientId, refreshToken);
    }
}
