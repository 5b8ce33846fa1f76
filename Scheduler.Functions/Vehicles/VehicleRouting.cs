using Scheduler.Functions.Sessions;
using Scheduler.Functions.Sites;

namespace Scheduler.Functions.Vehicles;

/// <summary>Which running sessions of a site are commanded through their vehicle's API rather than the CSMS (the site setting <c>vehicleApi.vehicles</c>).</summary>
public sealed class VehicleRouting
{
    private readonly SiteStore _sites;
    private readonly SessionStore _sessions;

    /// <summary>Creates the service.</summary>
    public VehicleRouting(SiteStore sites, SessionStore sessions)
    {
        _sites = sites;
        _sessions = sessions;
    }

    /// <summary>The ids of the site's running sessions on the vehicle path; empty, without reading sessions, for a site with no vehicle account.</summary>
    public async Task<IReadOnlySet<string>> SessionsOnVehiclePathAsync(string siteId, CancellationToken cancellationToken = default)
    {
        var site = await _sites.GetHeaderAsync(siteId, cancellationToken).ConfigureAwait(false);
        if (site?.Settings.VehicleApi is not { Vehicles.Count: > 0 })
        {
            return new HashSet<string>(StringComparer.Ordinal);
        }

        var running = await _sessions.ListActiveAsync(siteId, cancellationToken).ConfigureAwait(false);
        return running.Where(s => VehicleAccounts.ApiRoute(site.Settings, s.VehicleId) is not null).Select(s => s.Id).ToHashSet(StringComparer.Ordinal);
    }
}
