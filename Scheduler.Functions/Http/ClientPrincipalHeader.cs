using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Scheduler.Functions.Http;

/// <summary>
/// Reads <c>X-MS-CLIENT-PRINCIPAL</c>, the base64 JSON of the caller's claims that App Service Authentication sets
/// after it has checked their Entra ID token (<c>{"auth_typ":"aad","claims":[{"typ":…,"val":…}],"name_typ":…,"role_typ":…}</c>).
/// The platform removes the header from what clients send, so it can be trusted only where that authentication is on
/// (infra/ turns it on); the app itself never reads a token.
/// </summary>
public static class ClientPrincipalHeader
{
    /// <summary>The header's name.</summary>
    public const string Name = "X-MS-CLIENT-PRINCIPAL";

    private static readonly string[] ObjectIdClaims = ["http://schemas.microsoft.com/identity/claims/objectidentifier", "oid"];
    private static readonly string[] RoleClaims = ["roles", "http://schemas.microsoft.com/ws/2008/06/identity/claims/role"];

    /// <summary>What the header holds.</summary>
    /// <param name="Principal">The caller; null when the header is absent or unreadable.</param>
    /// <param name="Present">Whether the header was sent at all.</param>
    public readonly record struct Result(ClientPrincipal? Principal, bool Present);

    /// <summary>Reads the caller of <paramref name="request"/>.</summary>
    public static Result Read(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var value = request.Headers[Name].ToString();
        return value.Length == 0 ? new Result(null, false) : new Result(Parse(value), true);
    }

    /// <summary>The principal in a header value; null when it is not base64 JSON with an object id.</summary>
    public static ClientPrincipal? Parse(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        try
        {
            using var document = JsonDocument.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(value)));
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("claims", out var claims) || claims.ValueKind != JsonValueKind.Array)
            {
                return null;
            }

            var roleType = root.TryGetProperty("role_typ", out var r) && r.ValueKind == JsonValueKind.String ? r.GetString() : null;
            var nameType = root.TryGetProperty("name_typ", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString() : null;
            var pairs = claims.EnumerateArray()
                .Where(c => c.ValueKind == JsonValueKind.Object && c.TryGetProperty("typ", out var t) && t.ValueKind == JsonValueKind.String && c.TryGetProperty("val", out var v) && v.ValueKind == JsonValueKind.String)
                .Select(c => (Type: c.GetProperty("typ").GetString()!, Value: c.GetProperty("val").GetString()!))
                .ToList();
            var objectId = pairs.FirstOrDefault(p => ObjectIdClaims.Contains(p.Type, StringComparer.Ordinal)).Value;
            if (string.IsNullOrWhiteSpace(objectId))
            {
                return null;
            }

            var roles = pairs.Where(p => p.Type == roleType || RoleClaims.Contains(p.Type, StringComparer.Ordinal)).Select(p => p.Value).ToHashSet(StringComparer.Ordinal);
            var name = pairs.FirstOrDefault(p => p.Type == (nameType ?? "name")).Value;
            return new ClientPrincipal(objectId, name, roles);
        }
        catch (Exception e) when (e is FormatException or JsonException or DecoderFallbackException)
        {
            return null;
        }
    }
}
