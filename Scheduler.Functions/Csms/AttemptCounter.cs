namespace Scheduler.Functions.Csms;

/// <summary>
/// Counts the requests that reach the wire, from inside the resilience pipeline, so that a caller learns how many
/// attempts one logical send took. The caller puts a counter into the request's options; requests without one pass.
/// </summary>
internal sealed class AttemptCounter : DelegatingHandler
{
    /// <summary>The request option that carries the counter.</summary>
    public static readonly HttpRequestOptionsKey<StrongBox> Key = new("Scheduler.AttemptCounter");

    /// <inheritdoc />
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.Options.TryGetValue(Key, out var counter))
        {
            Interlocked.Increment(ref counter.Count);
        }

        return base.SendAsync(request, cancellationToken);
    }

    /// <summary>A mutable count shared between the caller and the handler.</summary>
    internal sealed class StrongBox
    {
        /// <summary>The requests sent so far.</summary>
        public int Count;
    }
}
