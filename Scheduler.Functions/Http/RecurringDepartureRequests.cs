using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Scheduler.Functions.Departures;
using Scheduler.Functions.Queues;
using Scheduler.Functions.Sites;

namespace Scheduler.Functions.Http;

/// <summary><c>GET</c>, <c>PUT</c> and <c>DELETE …/vehicles/{vehicleId}/recurring-departures</c>: the vehicle's week.</summary>
public sealed class RecurringDepartureRequests
{
    private readonly RecurringDepartureStore _store;
    private readonly PlanRequestQueue _planRequests;

    /// <summary>Creates the service.</summary>
    public RecurringDepartureRequests(RecurringDepartureStore store, PlanRequestQueue planRequests)
    {
        _store = store;
        _planRequests = planRequests;
    }

    /// <summary>The vehicle's week; 404 when it has none.</summary>
    public async Task<IActionResult> GetAsync(HttpRequest request, SiteRecord site, string vehicleId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(site);
        var week = await _store.GetAsync(site.Id, vehicleId, cancellationToken).ConfigureAwait(false);
        return week is null
            ? ApiProblem.Create(request, StatusCodes.Status404NotFound, "recurring.none", "No recurring departures", $"vehicle '{vehicleId}' has no recurring departures")
            : ApiResult.Json(StatusCodes.Status200OK, Describe(site, vehicleId, week));
    }

    /// <summary>Replaces the vehicle's week (the same week again changes nothing) and asks for a plan when it changed.</summary>
    public async Task<IActionResult> PutAsync(HttpRequest request, SiteRecord site, string vehicleId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(site);
        var body = await RequestBody.ReadObjectAsync(request, cancellationToken).ConfigureAwait(false);
        if (body.Document is not { } document)
        {
            return ApiProblem.Invalid(request, body.Errors);
        }

        using (document)
        {
            var (week, errors) = WeeklyDeparturesJson.Read(document.RootElement);
            if (week is null)
            {
                return ApiProblem.Invalid(request, errors);
            }

            var before = await _store.GetAsync(site.Id, vehicleId, cancellationToken).ConfigureAwait(false);
            if (before is null || WeeklyDeparturesJson.Write(before) != WeeklyDeparturesJson.Write(week))
            {
                await _store.SetAsync(site.Id, vehicleId, week, cancellationToken).ConfigureAwait(false);
                await _planRequests.RequestAsync(site.Id, "recurring-departure", $"{vehicleId}:{Guid.NewGuid():N}", cancellationToken).ConfigureAwait(false);
            }

            return ApiResult.Json(StatusCodes.Status200OK, Describe(site, vehicleId, week));
        }
    }

    /// <summary>Deletes the vehicle's week; deleting none is no error.</summary>
    public async Task<IActionResult> DeleteAsync(SiteRecord site, string vehicleId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(site);
        if (await _store.DeleteAsync(site.Id, vehicleId, cancellationToken).ConfigureAwait(false))
        {
            await _planRequests.RequestAsync(site.Id, "recurring-departure", $"{vehicleId}:delete:{Guid.NewGuid():N}", cancellationToken).ConfigureAwait(false);
        }

        return ApiResult.NoContent();
    }

    private static object Describe(SiteRecord site, string vehicleId, WeeklyDepartures week) =>
        new { siteId = site.Id, vehicleId, timeZone = site.TimeZone, days = week.Days.Select(WeeklyDeparturesJson.Describe) };
}
