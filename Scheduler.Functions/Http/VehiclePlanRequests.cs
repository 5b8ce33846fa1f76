using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Scheduler.Functions.Sites;

namespace Scheduler.Functions.Http;

/// <summary>
/// <c>GET …/vehicles/{vehicleId}/plan</c>: what the latest plan gives the vehicle's session: the energy it will have
/// by its departure, the current per period, the expected finish, and why it is short if it is.
/// </summary>
public sealed class VehiclePlanRequests
{
    private readonly SitePlanReader _reader;

    /// <summary>Creates the service.</summary>
    public VehiclePlanRequests(SitePlanReader reader) => _reader = reader;

    /// <summary>The vehicle's plan; 404 before the site's first plan or when the vehicle is not in it.</summary>
    public async Task<IActionResult> GetAsync(HttpRequest request, SiteRecord site, string vehicleId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(site);
        var plan = await _reader.ReadAsync(site, cancellationToken).ConfigureAwait(false);
        if (plan is null)
        {
            return ApiProblem.Create(request, StatusCodes.Status404NotFound, "plan.none", "No plan yet", $"site '{site.Id}' has not been planned yet");
        }

        var session = plan.Sessions.LastOrDefault(s => s.VehicleId == vehicleId);
        if (session is null)
        {
            return ApiProblem.Create(request, StatusCodes.Status404NotFound, "plan.no-session", "The vehicle is not in the plan", $"the latest plan of site '{site.Id}' has no session of vehicle '{vehicleId}': is it plugged in?");
        }

        var zone = DateTimeZoneProviders.Tzdb[site.TimeZone];
        return ApiResult.Json(StatusCodes.Status200OK, Describe(site, plan, session, zone));
    }

    /// <summary>A session's plan as the API shows it.</summary>
    public static object Describe(SiteRecord site, SitePlanView plan, SessionView session, DateTimeZone zone)
    {
        ArgumentNullException.ThrowIfNull(site);
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(session);
        return new
        {
            siteId = site.Id,
            vehicleId = session.VehicleId,
            sessionId = session.SessionId,
            chargerId = session.ChargerId,
            planId = plan.PlanId,
            plannedAt = SiteTime.Format(plan.PlannedAt, zone),
            status = plan.Status,
            departure = SiteTime.Format(session.Departure, zone),
            departureSource = session.DepartureSource,
            energySource = session.EnergySource,
            deliveredKwh = session.DeliveredKwh,
            requestedKwh = session.RequestedKwh,
            energyByDepartureKwh = session.EnergyByDepartureKwh,
            shortfallKwh = session.ShortfallKwh,
            isShort = session.IsShort,
            expectedFinish = session.ExpectedFinish is { } finish ? SiteTime.Format(finish, zone) : null,
            periods = session.Periods.Select(p => new { start = SiteTime.Format(p.Start, zone), end = SiteTime.Format(p.End, zone), currentA = p.CurrentA, powerKw = p.PowerKw }),
            reasons = session.Reasons.Select(r => new { code = r.Code, message = r.Message }),
            notes = session.Notes.Select(r => new { code = r.Code, message = r.Message }),
        };
    }
}
