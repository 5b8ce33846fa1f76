using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Scheduler.Functions.Http;

/// <summary>The operator page: <c>GET /api/sites/{siteId}/view</c>, operators only.</summary>
public sealed class SiteViewFunction
{
    // The page holds everything it needs: nothing may be loaded from elsewhere.
    private static readonly Dictionary<string, string> Headers = new(StringComparer.Ordinal)
    {
        ["Content-Security-Policy"] = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:",
        ["X-Content-Type-Options"] = "nosniff",
    };

    private readonly ApiGate _gate;
    private readonly SitePage _page;

    /// <summary>Creates the function.</summary>
    public SiteViewFunction(ApiGate gate, SitePage page)
    {
        _gate = gate;
        _page = page;
    }

    /// <summary>Renders the page.</summary>
    [Function("GetSiteView")]
    public Task<IActionResult> Get([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "sites/{siteId}/view")] HttpRequest request, string siteId, CancellationToken cancellationToken) =>
        _gate.ForSiteAsync(request, siteId, async (_, site) => (IActionResult)ApiResult.Html(await _page.RenderAsync(site, cancellationToken).ConfigureAwait(false), Headers), cancellationToken);
}
