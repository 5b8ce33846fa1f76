using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Scheduler.Functions.Http;

/// <summary>
/// An HTTP answer of the API, written by itself (no MVC formatters): its status, body and headers, with the request
/// id and <c>Cache-Control: no-store</c> on every one (answers hold personal plans).
/// </summary>
public sealed class ApiResult : IActionResult
{
    /// <summary>How bodies are written: camelCase, nulls left out.</summary>
    public static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,

        // Answers are JSON documents, never embedded in HTML: '+' in offsets stays readable.
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private ApiResult(int statusCode, string? contentType, string? body, IReadOnlyDictionary<string, string> headers)
    {
        StatusCode = statusCode;
        ContentType = contentType;
        Body = body;
        Headers = headers;
    }

    /// <summary>The HTTP status.</summary>
    public int StatusCode { get; }

    /// <summary>The body's media type; null without a body.</summary>
    public string? ContentType { get; }

    /// <summary>The body; null for none.</summary>
    public string? Body { get; }

    /// <summary>Headers beside the request id.</summary>
    public IReadOnlyDictionary<string, string> Headers { get; }

    /// <summary>A JSON body.</summary>
    public static ApiResult Json(int statusCode, object value, string contentType = "application/json", IReadOnlyDictionary<string, string>? headers = null) =>
        new(statusCode, contentType + "; charset=utf-8", JsonSerializer.Serialize(value, JsonOptions), headers ?? new Dictionary<string, string>());

    /// <summary>A JSON body already written.</summary>
    public static ApiResult RawJson(string json) => new(StatusCodes.Status200OK, "application/json; charset=utf-8", json, new Dictionary<string, string>());

    /// <summary>An HTML page.</summary>
    public static ApiResult Html(string html, IReadOnlyDictionary<string, string>? headers = null) =>
        new(StatusCodes.Status200OK, "text/html; charset=utf-8", html, headers ?? new Dictionary<string, string>());

    /// <summary>No body (204).</summary>
    public static ApiResult NoContent() => new(StatusCodes.Status204NoContent, null, null, new Dictionary<string, string>());

    /// <inheritdoc />
    public async Task ExecuteResultAsync(ActionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var response = context.HttpContext.Response;
        response.StatusCode = StatusCode;
        response.Headers[RequestIds.Header] = RequestIds.Of(context.HttpContext);
        response.Headers.CacheControl = "no-store";
        foreach (var (name, value) in Headers)
        {
            response.Headers[name] = value;
        }

        if (Body is not null)
        {
            response.ContentType = ContentType;
            await response.Body.WriteAsync(Encoding.UTF8.GetBytes(Body), context.HttpContext.RequestAborted).ConfigureAwait(false);
        }
    }
}
