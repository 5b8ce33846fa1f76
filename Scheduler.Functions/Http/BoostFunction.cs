using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Scheduler.Functions.Http;

/// <summary>Full power now: <c>POST /api/sites/{siteId}/vehicles/{vehicleId}/boost</c>.</summary>
public sealed class BoostFunction
{
    private readonly ApiGate _gate;
    private readonly BoostRequests _boosts;

    /// <summary>Creates the function.</summary>
    public BoostFunction(ApiGate gate, BoostRequests boosts)
    {
        _gate = gate;
        _boosts = boosts;
    }

    /// <summary>Starts a boost.</summary>
    [Function("PostBoost")]
    public Task<IActionResult> Post(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "sites/{siteId}/vehicles/{vehicleId}/boost")] HttpRequest request, string siteId, string vehicleId, CancellationToken cancellationToken) =>
        _gate.ForVehicleAsync(request, siteId, vehicleId, (_, site) => _boosts.PostAsync(request, site, vehicleId, cancellationToken), cancellationToken);
}
