using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Routing;
using Scheduler.Functions.Http;

namespace Scheduler.Tests.Functions.Http;

/// <summary>A caller of the API: who they are (as App Service Authentication would say) and nothing else.</summary>
internal sealed record Caller(string? ObjectId, params string[] Roles)
{
    public static Caller Anonymous { get; } = new((string?)null);

    public static Caller Driver(string objectId) => new(objectId);

    public static Caller Operator(string siteId) => new("op-" + siteId, OperatorRoles.For(siteId));

    /// <summary>The X-MS-CLIENT-PRINCIPAL header App Service Authentication sets for this caller.</summary>
    public string? Header()
    {
        if (ObjectId is null)
        {
            return null;
        }

        var claims = new List<object>
        {
            new { typ = "http://schemas.microsoft.com/identity/claims/objectidentifier", val = ObjectId },
            new { typ = "name", val = "user " + ObjectId },
        };
        claims.AddRange(Roles.Select(r => new { typ = "roles", val = r }));
        var json = JsonSerializer.Serialize(new { auth_typ = "aad", claims, name_typ = "name", role_typ = "roles" });
        return Convert.ToBase64String(Encoding.UTF8.GetBytes(json));
    }
}

/// <summary>An answer as a client reads it.</summary>
internal sealed record ApiAnswer(int Status, IHeaderDictionary Headers, string ContentType, string Body)
{
    public JsonElement Json => JsonDocument.Parse(Body).RootElement;

    public string? Problem => ContentType.StartsWith("application/problem+json", StringComparison.Ordinal) ? Json.GetProperty("code").GetString() : null;
}

/// <summary>Real ASP.NET Core requests for the function classes, and their results executed as the host executes them.</summary>
internal static class ApiCall
{
    public static HttpRequest Request(string method, string path, Caller caller, string? body = null, string? requestId = null)
    {
        var context = new DefaultHttpContext();
        context.Request.Method = method;
        context.Request.Scheme = "https";
        context.Request.Host = new HostString("func-scheduler.azurewebsites.net");
        context.Request.Path = path;
        if (caller.Header() is { } principal)
        {
            context.Request.Headers[ClientPrincipalHeader.Name] = principal;
        }

        if (requestId is not null)
        {
            context.Request.Headers[RequestIds.Header] = requestId;
        }

        if (body is not null)
        {
            context.Request.ContentType = "application/json";
            context.Request.Body = new MemoryStream(Encoding.UTF8.GetBytes(body));
        }

        context.Response.Body = new MemoryStream();
        return context.Request;
    }

    /// <summary>Runs a function method and reads what it answered.</summary>
    public static async Task<ApiAnswer> RunAsync(HttpRequest request, Func<HttpRequest, Task<IActionResult>> function)
    {
        var result = await function(request);
        return await ExecuteAsync(request.HttpContext, result);
    }

    public static async Task<ApiAnswer> ExecuteAsync(HttpContext context, IActionResult result)
    {
        await result.ExecuteResultAsync(new ActionContext(context, new RouteData(), new ActionDescriptor()));
        context.Response.Body.Position = 0;
        var text = await new StreamReader(context.Response.Body).ReadToEndAsync();
        return new ApiAnswer(context.Response.StatusCode, context.Response.Headers, context.Response.ContentType ?? string.Empty, text);
    }
}
