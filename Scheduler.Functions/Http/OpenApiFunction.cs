using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Scheduler.Functions.Http;

/// <summary>The API's OpenAPI 3.1 document, <c>GET /api/openapi.json</c>, open to all (it holds no data).</summary>
public sealed class OpenApiFunction
{
    /// <summary>The document, as embedded from <c>Http/openapi.json</c>.</summary>
    public static readonly string Document = Load();

    /// <summary>Serves the document.</summary>
    [Function("GetOpenApi")]
    public static IActionResult Get([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "openapi.json")] HttpRequest request) => ApiResult.RawJson(Document);

    private static string Load()
    {
        using var stream = typeof(OpenApiFunction).Assembly.GetManifestResourceStream("Scheduler.Functions.Http.openapi.json")
            ?? throw new InvalidOperationException("the OpenAPI document is not embedded");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
