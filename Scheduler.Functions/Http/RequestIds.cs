using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;

namespace Scheduler.Functions.Http;

/// <summary>
/// The id every response carries in <c>X-Request-Id</c> (and every problem in <c>requestId</c>): the caller's own, when
/// it sent a short token in that header, so that its logs and ours meet; else one made here.
/// </summary>
public static partial class RequestIds
{
    /// <summary>The header's name.</summary>
    public const string Header = "X-Request-Id";

    private const string ItemKey = "Scheduler.RequestId";

    /// <summary>The request's id, made once per request.</summary>
    public static string Of(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Items.TryGetValue(ItemKey, out var known) && known is string id)
        {
            return id;
        }

        var sent = context.Request.Headers[Header].ToString();
        id = Token().IsMatch(sent) ? sent : Guid.NewGuid().ToString("N");
        context.Items[ItemKey] = id;
        return id;
    }

    [GeneratedRegex("^[A-Za-z0-9._:-]{1,64}$")]
    private static partial Regex Token();
}
