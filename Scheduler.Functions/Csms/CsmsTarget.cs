using System.Text;
using Scheduler.Protocols.Ocpp;

namespace Scheduler.Functions.Csms;

/// <summary>Where and how to reach one CSMS's SetChargingProfile endpoint.</summary>
public sealed record CsmsTarget
{
    /// <summary>The CitrineOS route: <c>ocpp/{version}/smartcharging/setChargingProfile?identifier={stationId}</c>.</summary>
    public const string DefaultRouteTemplate = "ocpp/{version}/smartcharging/setChargingProfile?identifier={stationId}";

    /// <summary>A target; see the properties for the rules.</summary>
    /// <exception cref="ArgumentException">
    /// <paramref name="baseUrl"/> is not absolute http(s), or credentials would travel over plain HTTP to a host other
    /// than loopback (OCPP security profile 1, which RELIABILITY case 94 refuses).
    /// </exception>
    public CsmsTarget(Uri baseUrl, OcppVersion version, string? authorizationHeader = null, string routeTemplate = DefaultRouteTemplate, string? tenantId = null)
    {
        if (!baseUrl.IsAbsoluteUri || (baseUrl.Scheme != Uri.UriSchemeHttps && baseUrl.Scheme != Uri.UriSchemeHttp))
        {
            throw new ArgumentException($"The CSMS base URL must be an absolute http(s) URL, not '{baseUrl}'.", nameof(baseUrl));
        }

        if (authorizationHeader is not null && baseUrl.Scheme != Uri.UriSchemeHttps && !baseUrl.IsLoopback)
        {
            throw new ArgumentException(
                $"Credentials for the CSMS at {baseUrl.Host} would travel without TLS (OCPP security profile 1); use https.",
                nameof(baseUrl));
        }

        if (!routeTemplate.Contains("{stationId}", StringComparison.Ordinal))
        {
            throw new ArgumentException("The route template must contain {stationId}.", nameof(routeTemplate));
        }

        BaseUrl = baseUrl;
        Version = version;
        AuthorizationHeader = authorizationHeader;
        RouteTemplate = routeTemplate;
        TenantId = tenantId;
    }

    /// <summary>The CSMS's API root, e.g. <c>https://csms.example.com:8080/</c>. The route is resolved below it.</summary>
    public Uri BaseUrl { get; }

    /// <summary>The OCPP version the station speaks, and so the schema of the payload.</summary>
    public OcppVersion Version { get; }

    /// <summary>
    /// The whole <c>Authorization</c> header value (<c>"Basic …"</c> or <c>"Bearer …"</c>); <see langword="null"/> for none.
    /// Never logged, and left out of <see cref="ToString"/>.
    /// </summary>
    public string? AuthorizationHeader { get; }

    /// <summary>
    /// The path and query below <see cref="BaseUrl"/>, with <c>{version}</c> (<c>1.6</c> or <c>2.0.1</c>) and
    /// <c>{stationId}</c> (URL-escaped) placeholders. The default is <see cref="DefaultRouteTemplate"/>.
    /// </summary>
    public string RouteTemplate { get; }

    /// <summary>The CSMS tenant, appended as <c>tenantId=</c> when set.</summary>
    public string? TenantId { get; }

    /// <summary>The version as it appears in the route: <c>1.6</c> or <c>2.0.1</c>.</summary>
    public string VersionText => Version == OcppVersion.V16 ? "1.6" : "2.0.1";

    /// <summary>The full request URL for <paramref name="stationId"/>.</summary>
    public Uri RequestUri(string stationId)
    {
        var route = RouteTemplate
            .Replace("{version}", VersionText, StringComparison.Ordinal)
            .Replace("{stationId}", Uri.EscapeDataString(stationId), StringComparison.Ordinal);
        if (TenantId is not null)
        {
            route += (route.Contains('?', StringComparison.Ordinal) ? "&" : "?") + "tenantId=" + Uri.EscapeDataString(TenantId);
        }

        // A base without a trailing slash would lose its last segment when the route is resolved against it.
        var root = BaseUrl.AbsoluteUri.EndsWith('/') ? BaseUrl : new Uri(BaseUrl.AbsoluteUri + "/");
        return new Uri(root, route.TrimStart('/'));
    }

    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("BaseUrl = ").Append(BaseUrl)
            .Append(", Version = ").Append(VersionText)
            .Append(", RouteTemplate = ").Append(RouteTemplate)
            .Append(", TenantId = ").Append(TenantId)
            .Append(", AuthorizationHeader = ").Append(AuthorizationHeader is null ? "none" : "***");
        return true;
    }
}
