using System.Net;
using System.Text.Json;

namespace Scheduler.Functions.Csms;

/// <summary>
/// Reads a CSMS's final answer to a SetChargingProfile request: an OCPP response (<c>status</c>, <c>statusInfo</c>), a
/// CallError (<c>errorCode</c>), or CitrineOS's list of per-station results (<c>[{ "success", "payload" }]</c>).
/// </summary>
internal static class CsmsAnswerReader
{
    private const int MaxReasonLength = 300;

    /// <summary>The outcome of an answer with <paramref name="status"/> and <paramref name="body"/> after <paramref name="attempts"/> attempts.</summary>
    public static CsmsOutcome Read(HttpStatusCode status, string body, int attempts)
    {
        var code = (int)status;
        var fromBody = ReadBody(body);
        if (code is >= 200 and < 300)
        {
            var (kind, reason) = fromBody ?? (CsmsOutcomeKind.Failed, "unreadable answer: " + Shorten(body));
            return new CsmsOutcome(kind, reason, code, attempts);
        }

        // Whatever 408, 429 and 5xx say, they are about the CSMS, not the profile: the state of the station is unknown.
        if (code is 408 or 429 or >= 500)
        {
            return new CsmsOutcome(CsmsOutcomeKind.Failed, $"HTTP {code}", code, attempts);
        }

        // Any other 4xx is a permanent refusal. A CallError in its body says more (NotSupported is a capability).
        if (fromBody is (CsmsOutcomeKind.NotSupported, var notSupported))
        {
            return new CsmsOutcome(CsmsOutcomeKind.NotSupported, notSupported, code, attempts);
        }

        var detail = body.Length == 0 ? "" : ": " + Shorten(body);
        return new CsmsOutcome(CsmsOutcomeKind.Rejected, $"HTTP {code} {status}{detail}", code, attempts);
    }

    private static (CsmsOutcomeKind Kind, string? Reason)? ReadBody(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            return root.ValueKind switch
            {
                JsonValueKind.Object => ReadObject(root),
                JsonValueKind.Array => ReadCitrineResults(root),
                _ => null,
            };
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static (CsmsOutcomeKind Kind, string? Reason)? ReadObject(JsonElement answer)
    {
        if (answer.TryGetProperty("errorCode", out var errorCode) && errorCode.ValueKind == JsonValueKind.String)
        {
            var code = errorCode.GetString();
            var description = answer.TryGetProperty("errorDescription", out var d) && d.ValueKind == JsonValueKind.String ? d.GetString() : null;
            var reason = string.IsNullOrEmpty(description) ? code : $"{code}: {description}";
            return code is "NotSupported" or "NotImplemented"
                ? (CsmsOutcomeKind.NotSupported, reason)
                : (CsmsOutcomeKind.Rejected, "CallError " + reason);
        }

        if (answer.TryGetProperty("status", out var status) && status.ValueKind == JsonValueKind.String)
        {
            var reason = StatusInfo(answer);
            return status.GetString() == "Accepted"
                ? (CsmsOutcomeKind.Accepted, reason)
                : (CsmsOutcomeKind.Rejected, reason ?? status.GetString());
        }

        // One CitrineOS result on its own, as some of its endpoints answer for a single identifier.
        return answer.TryGetProperty("success", out _) ? ReadCitrineResult(answer) : null;
    }

    private static (CsmsOutcomeKind Kind, string? Reason)? ReadCitrineResults(JsonElement results)
    {
        // We address one station per request, so the list holds one result; any failure among several is a rejection.
        (CsmsOutcomeKind Kind, string? Reason)? outcome = null;
        foreach (var result in results.EnumerateArray())
        {
            var one = result.ValueKind == JsonValueKind.Object ? ReadCitrineResult(result) : null;
            if (one is null || one.Value.Kind != CsmsOutcomeKind.Accepted)
            {
                return one;
            }

            outcome = one;
        }

        return outcome;
    }

    private static (CsmsOutcomeKind Kind, string? Reason)? ReadCitrineResult(JsonElement result)
    {
        if (!result.TryGetProperty("success", out var success) || success.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
        {
            return null;
        }

        if (success.GetBoolean())
        {
            return (CsmsOutcomeKind.Accepted, null);
        }

        var reason = result.TryGetProperty("payload", out var payload)
            ? payload.ValueKind == JsonValueKind.String ? payload.GetString() : payload.GetRawText()
            : null;
        return (CsmsOutcomeKind.Rejected, Shorten(reason ?? "success: false"));
    }

    private static string? StatusInfo(JsonElement answer)
    {
        if (!answer.TryGetProperty("statusInfo", out var info) || info.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        var code = info.TryGetProperty("reasonCode", out var c) && c.ValueKind == JsonValueKind.String ? c.GetString() : null;
        var more = info.TryGetProperty("additionalInfo", out var a) && a.ValueKind == JsonValueKind.String ? a.GetString() : null;
        return (code, more) switch
        {
            (null, null) => null,
            (_, null) => code,
            (null, _) => more,
            _ => $"{code}: {more}",
        };
    }

    private static string Shorten(string text) => text.Length <= MaxReasonLength ? text : text[..MaxReasonLength] + "…";
}
