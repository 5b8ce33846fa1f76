using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Scheduler.Functions.Http;

/// <summary>A driver's next departure: <c>PUT</c> and <c>DELETE /api/sites/{siteId}/vehicles/{vehicleId}/departure</c>.</summary>
public sealed class DepartureFunction
{
    private const string Route = "sites/{siteId}/vehicles/{vehicleId}/departure";

    private readonly ApiGate _gate;
    private readonly DepartureRequests _departures;

    /// <summary>Creates the function.</summary>
    public DepartureFunction(ApiGate gate, DepartureRequests departures)
    {
        _gate = gate;
        _departures = departures;
    }

    /// <summary>Sets the departure.</summary>
    [Function("PutDeparture")]
    public Task<IActionResult> Put([HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = Route)] HttpRequest request, string siteId, string vehicleId, CancellationToken cancellationToken) =>
        _gate.ForVehicleAsync(request, siteId, vehicleId, (_, site) => _departures.PutAsync(request, site, vehicleId, cancellationToken), cancellationToken);

    /// <summary>Forgets the departure.</summary>
    [Function("DeleteDeparture")]
    public Task<IActionResult> Delete([HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = Route)] HttpRequest request, string siteId, string vehicleId, CancellationToken cancellationToken) =>
        _gate.ForVehicleAsync(request, siteId, vehicleId, (_, site) => _departures.DeleteAsync(site, vehicleId, cancellationToken), cancellationToken);
}
