using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Scheduler.Functions.Sites;
using Scheduler.Protocols.Input;

namespace Scheduler.Functions.Http;

/// <summary>
/// What every API call passes before it reaches data, in this order: a signed-in caller (401), ids in the route that
/// are ids (400), the right to the site or vehicle (403: an operator of the site by app role, or a driver the access
/// table maps to the vehicle), the flood limit (429 with <c>Retry-After</c>), and a site that exists (404). Anonymous
/// and foreign callers learn nothing, not even whether the site exists.
/// </summary>
public sealed class ApiGate
{
    private const int MaxIdLength = 128;

    private readonly VehicleAccessStore _access;
    private readonly VehicleRateLimiter _limiter;
    private readonly SiteStore _sites;

    /// <summary>Creates the gate.</summary>
    public ApiGate(VehicleAccessStore access, VehicleRateLimiter limiter, SiteStore sites)
    {
        _access = access;
        _limiter = limiter;
        _sites = sites;
    }

    /// <summary>Runs <paramref name="handle"/> for a driver of the vehicle or an operator of its site.</summary>
    public async Task<IActionResult> ForVehicleAsync(
        HttpRequest request, string siteId, string vehicleId, Func<ClientPrincipal, SiteRecord, Task<IActionResult>> handle, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(handle);
        if (SignedIn(request) is not { } principal)
        {
            return Unauthorized(request);
        }

        if ((BadId(request, siteId, "siteId") ?? BadId(request, vehicleId, "vehicleId")) is { } bad)
        {
            return bad;
        }

        if (!principal.IsOperatorOf(siteId) && !await _access.IsGrantedAsync(siteId, vehicleId, principal.ObjectId, cancellationToken).ConfigureAwait(false))
        {
            return Forbidden(request, $"you may not reach vehicle '{vehicleId}' of site '{siteId}': an operator of the site maps drivers to their vehicles");
        }

        if (_limiter.TryAcquire(principal.ObjectId, siteId, vehicleId) is { } wait)
        {
            var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
            return ApiProblem.Create(
                request,
                StatusCodes.Status429TooManyRequests,
                "rate.limited",
                "Too many requests for this vehicle",
                $"too many requests about vehicle '{vehicleId}' this minute; try again in {seconds} s",
                headers: new Dictionary<string, string> { ["Retry-After"] = seconds.ToString(CultureInfo.InvariantCulture) });
        }

        return await WithSiteAsync(request, siteId, site => handle(principal, site), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Runs <paramref name="handle"/> for an operator of the site.</summary>
    public async Task<IActionResult> ForSiteAsync(HttpRequest request, string siteId, Func<ClientPrincipal, SiteRecord, Task<IActionResult>> handle, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(handle);
        if (SignedIn(request) is not { } principal)
        {
            return Unauthorized(request);
        }

        if (BadId(request, siteId, "siteId") is { } bad)
        {
            return bad;
        }

        if (!principal.IsOperatorOf(siteId))
        {
            return Forbidden(request, $"you are not an operator of site '{siteId}': the app role {OperatorRoles.For(siteId)} or {OperatorRoles.AllSites} is needed");
        }

        return await WithSiteAsync(request, siteId, site => handle(principal, site), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The 400 of an id in the route that cannot be one; null when it is one.</summary>
    public static IActionResult? BadId(HttpRequest request, string value, string name)
    {
        if (!string.IsNullOrEmpty(value) && value.Length <= MaxIdLength && Utf8Text.FirstUnpairedSurrogate(value) is null && !value.Any(char.IsControl))
        {
            return null;
        }

        return ApiProblem.Create(request, StatusCodes.Status400BadRequest, "route.invalid", "An id in the path is not valid", $"{name}: expected 1 to {MaxIdLength} printable characters");
    }

    private static ClientPrincipal? SignedIn(HttpRequest request) => ClientPrincipalHeader.Read(request).Principal;

    private static ApiResult Unauthorized(HttpRequest request)
    {
        var header = ClientPrincipalHeader.Read(request);
        var detail = header.Present
            ? $"the {ClientPrincipalHeader.Name} header could not be read as a signed-in user with an object id"
            : "sign in with Microsoft Entra ID first: the app's authentication gives every signed-in request its user";
        return ApiProblem.Create(request, StatusCodes.Status401Unauthorized, "auth.required", "Sign-in required", detail);
    }

    private static ApiResult Forbidden(HttpRequest request, string detail) =>
        ApiProblem.Create(request, StatusCodes.Status403Forbidden, "auth.forbidden", "Not yours", detail);

    private async Task<IActionResult> WithSiteAsync(HttpRequest request, string siteId, Func<SiteRecord, Task<IActionResult>> handle, CancellationToken cancellationToken)
    {
        var site = await _sites.GetAsync(siteId, cancellationToken).ConfigureAwait(false);
        return site is null
            ? ApiProblem.Create(request, StatusCodes.Status404NotFound, "site.unknown", "No such site", $"there is no site '{siteId}'")
            : await handle(site).ConfigureAwait(false);
    }
}
