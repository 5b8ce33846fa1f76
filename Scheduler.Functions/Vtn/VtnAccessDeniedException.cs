using System.Net;

namespace Scheduler.Functions.Vtn;

/// <summary>
/// The VTN or its token endpoint refused our VEN: credentials that are wrong, revoked, or lack a right. Retrying will
/// not help; an operator must act (RELIABILITY case 63).
/// </summary>
public sealed class VtnAccessDeniedException : Exception
{
    /// <summary>An exception with no details.</summary>
    public VtnAccessDeniedException()
    {
    }

    /// <summary>An exception with <paramref name="message"/>.</summary>
    public VtnAccessDeniedException(string message)
        : base(message)
    {
    }

    /// <summary>An exception with <paramref name="message"/> and its cause.</summary>
    public VtnAccessDeniedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>An exception for an answer with <paramref name="status"/>.</summary>
    public VtnAccessDeniedException(string message, HttpStatusCode status)
        : base(message)
    {
        Status = status;
    }

    /// <summary>The HTTP status of the refusal (401 or 403, or the token endpoint's), when there was one.</summary>
    public HttpStatusCode? Status { get; }
}
