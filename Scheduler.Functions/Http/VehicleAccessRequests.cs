using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Scheduler.Functions.Sites;

namespace Scheduler.Functions.Http;

/// <summary>
/// How operators say which driver reaches which vehicle: <c>PUT</c> and <c>DELETE
/// …/vehicles/{vehicleId}/drivers/{objectId}</c> (the driver's Entra object id), <c>GET …/drivers</c> for the site's list.
/// </summary>
public sealed class VehicleAccessRequests
{
    private readonly VehicleAccessStore _access;
    private readonly IClock _clock;

    /// <summary>Creates the service.</summary>
    public VehicleAccessRequests(VehicleAccessStore access, IClock clock)
    {
        _access = access;
        _clock = clock;
    }

    /// <summary>Lets the driver reach the vehicle; granting again is the same grant.</summary>
    public async Task<IActionResult> GrantAsync(HttpRequest request, ClientPrincipal operatorPrincipal, SiteRecord site, string vehicleId, string objectId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(operatorPrincipal);
        ArgumentNullException.ThrowIfNull(site);
        if ((ApiGate.BadId(request, vehicleId, "vehicleId") ?? ApiGate.BadId(request, objectId, "objectId")) is { } bad)
        {
            return bad;
        }

        await _access.GrantAsync(site.Id, vehicleId, objectId, operatorPrincipal.ObjectId, _clock.GetCurrentInstant(), cancellationToken).ConfigureAwait(false);
        return ApiResult.Json(StatusCodes.Status200OK, new { siteId = site.Id, vehicleId, objectId });
    }

    /// <summary>Takes the driver's access away; taking none is no error.</summary>
    public async Task<IActionResult> RevokeAsync(HttpRequest request, SiteRecord site, string vehicleId, string objectId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(site);
        if ((ApiGate.BadId(request, vehicleId, "vehicleId") ?? ApiGate.BadId(request, objectId, "objectId")) is { } bad)
        {
            return bad;
        }

        await _access.RevokeAsync(site.Id, vehicleId, objectId, cancellationToken).ConfigureAwait(false);
        return ApiResult.NoContent();
    }

    /// <summary>The site's grants.</summary>
    public async Task<IActionResult> ListAsync(SiteRecord site, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(site);
        var grants = await _access.ListAsync(site.Id, cancellationToken).ConfigureAwait(false);
        return ApiResult.Json(StatusCodes.Status200OK, new
        {
            siteId = site.Id,
            drivers = grants.OrderBy(g => g.VehicleId, StringComparer.Ordinal).ThenBy(g => g.ObjectId, StringComparer.Ordinal).Select(g => new { vehicleId = g.VehicleId, objectId = g.ObjectId }),
        });
    }
}
