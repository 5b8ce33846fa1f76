using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Scheduler.Functions.Http;

/// <summary>What the latest plan gives a vehicle: <c>GET /api/sites/{siteId}/vehicles/{vehicleId}/plan</c>.</summary>
public sealed class VehiclePlanFunction
{
    private readonly ApiGate _gate;
    private readonly VehiclePlanRequests _plans;

    /// <summary>Creates the function.</summary>
    public VehiclePlanFunction(ApiGate gate, VehiclePlanRequests plans)
    {
        _gate = gate;
        _plans = plans;
    }

    /// <summary>Reads the vehicle's plan.</summary>
    [Function("GetVehiclePlan")]
    public Task<IActionResult> Get(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "sites/{siteId}/vehicles/{vehicleId}/plan")] HttpRequest request, string siteId, string vehicleId, CancellationToken cancellationToken) =>
        _gate.ForVehicleAsync(request, siteId, vehicleId, (_, site) => _plans.GetAsync(request, site, vehicleId, cancellationToken), cancellationToken);
}
