using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Scheduler.Functions.Http;

/// <summary>A vehicle's week: <c>GET</c>, <c>PUT</c> and <c>DELETE /api/sites/{siteId}/vehicles/{vehicleId}/recurring-departures</c>.</summary>
public sealed class RecurringDepartureFunction
{
    private const string Route = "sites/{siteId}/vehicles/{vehicleId}/recurring-departures";

    private readonly ApiGate _gate;
    private readonly RecurringDepartureRequests _weeks;

    /// <summary>Creates the function.</summary>
    public RecurringDepartureFunction(ApiGate gate, RecurringDepartureRequests weeks)
    {
        _gate = gate;
        _weeks = weeks;
    }

    /// <summary>Reads the week.</summary>
    [Function("GetRecurringDepartures")]
    public Task<IActionResult> Get([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Route)] HttpRequest request, string siteId, string vehicleId, CancellationToken cancellationToken) =>
        _gate.ForVehicleAsync(request, siteId, vehicleId, (_, site) => _weeks.GetAsync(request, site, vehicleId, cancellationToken), cancellationToken);

    /// <summary>Replaces the week.</summary>
    [Function("PutRecurringDepartures")]
    public Task<IActionResult> Put([HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = Route)] HttpRequest request, string siteId, string vehicleId, CancellationToken cancellationToken) =>
        _gate.ForVehicleAsync(request, siteId, vehicleId, (_, site) => _weeks.PutAsync(request, site, vehicleId, cancellationToken), cancellationToken);

    /// <summary>Deletes the week.</summary>
    [Function("DeleteRecurringDepartures")]
    public Task<IActionResult> Delete([HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = Route)] HttpRequest request, string siteId, string vehicleId, CancellationToken cancellationToken) =>
        _gate.ForVehicleAsync(request, siteId, vehicleId, (_, site) => _weeks.DeleteAsync(site, vehicleId, cancellationToken), cancellationToken);
}
