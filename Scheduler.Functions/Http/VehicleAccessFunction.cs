using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Scheduler.Functions.Http;

/// <summary>
/// Operators map drivers to vehicles: <c>PUT</c> and <c>DELETE /api/sites/{siteId}/vehicles/{vehicleId}/drivers/{objectId}</c>,
/// <c>GET /api/sites/{siteId}/drivers</c>.
/// </summary>
public sealed class VehicleAccessFunction
{
    private const string Route = "sites/{siteId}/vehicles/{vehicleId}/drivers/{objectId}";

    private readonly ApiGate _gate;
    private readonly VehicleAccessRequests _access;

    /// <summary>Creates the function.</summary>
    public VehicleAccessFunction(ApiGate gate, VehicleAccessRequests access)
    {
        _gate = gate;
        _access = access;
    }

    /// <summary>Lets a driver reach a vehicle.</summary>
    [Function("PutVehicleDriver")]
    public Task<IActionResult> Put(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = Route)] HttpRequest request, string siteId, string vehicleId, string objectId, CancellationToken cancellationToken) =>
        _gate.ForSiteAsync(request, siteId, (principal, site) => _access.GrantAsync(request, principal, site, vehicleId, objectId, cancellationToken), cancellationToken);

    /// <summary>Takes a driver's access away.</summary>
    [Function("DeleteVehicleDriver")]
    public Task<IActionResult> Delete(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = Route)] HttpRequest request, string siteId, string vehicleId, string objectId, CancellationToken cancellationToken) =>
        _gate.ForSiteAsync(request, siteId, (_, site) => _access.RevokeAsync(request, site, vehicleId, objectId, cancellationToken), cancellationToken);

    /// <summary>Lists the site's drivers and vehicles.</summary>
    [Function("ListVehicleDrivers")]
    public Task<IActionResult> List(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "sites/{siteId}/drivers")] HttpRequest request, string siteId, CancellationToken cancellationToken) =>
        _gate.ForSiteAsync(request, siteId, (_, site) => _access.ListAsync(site, cancellationToken), cancellationToken);
}
