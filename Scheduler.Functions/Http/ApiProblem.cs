using Microsoft.AspNetCore.Http;
using Scheduler.Protocols.Messages;

namespace Scheduler.Functions.Http;

/// <summary>
/// Errors as RFC 9457 problem details (<c>application/problem+json</c>): <c>type</c>, <c>title</c>, <c>status</c>,
/// <c>detail</c>, <c>instance</c>, and our <c>code</c>, <c>requestId</c> and <c>errors</c>, each error naming its
/// field, its JSON path and its code, as the queue messages' readers report them.
/// </summary>
public static class ApiProblem
{
    /// <summary>Where the problem types are described.</summary>
    public const string TypeBase = "https://schemas.smart-charging.example/problems/";

    /// <summary>A problem answer.</summary>
    public static ApiResult Create(
        HttpRequest request, int status, string code, string title, string detail, IReadOnlyList<MessageError>? errors = null, IReadOnlyDictionary<string, string>? headers = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        var body = new
        {
            type = TypeBase + code,
            title,
            status,
            detail,
            instance = request.Path.Value,
            code,
            requestId = RequestIds.Of(request.HttpContext),
            errors = errors?.Select(e => new { field = FieldOf(e.Path), path = e.Path, code = e.Code, message = e.Message }).ToList(),
        };
        return ApiResult.Json(status, body, "application/problem+json", headers);
    }

    /// <summary>A body the readers refused (400), with every error.</summary>
    public static ApiResult Invalid(HttpRequest request, IReadOnlyList<MessageError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var first = errors[0];
        return Create(request, StatusCodes.Status400BadRequest, first.Code, "The request body is not valid", $"{FieldOf(first.Path)}: {first.Message}", errors);
    }

    /// <summary>The field a JSON path names, as a client sees it: <c>$.days[0].time</c> is <c>days[0].time</c>, the root is <c>body</c>.</summary>
    public static string FieldOf(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return path is "$" or "" ? "body" : path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');
    }
}
