namespace Scheduler.Functions.Vtn;

/// <summary>Reads demand-response events from an OpenADR 3 VTN.</summary>
public interface IVtnClient
{
    /// <summary>
    /// Every event <paramref name="source"/> offers our VEN, over all pages, each as the raw JSON text of its event
    /// object (to be parsed by Scheduler.Protocols' OpenADR reader).
    /// </summary>
    /// <exception cref="VtnAccessDeniedException">The VTN answered 403, or 401 to a fresh token or a static one.</exception>
    /// <exception cref="InvalidDataException">A page was not a JSON array, or the VTN kept sending full pages.</exception>
    /// <exception cref="HttpRequestException">The VTN kept failing after the retries, or answered another error status.</exception>
    Task<IReadOnlyList<string>> GetEventsAsync(VtnSource source, CancellationToken ct);
}
