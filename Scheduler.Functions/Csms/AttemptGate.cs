namespace Scheduler.Functions.Csms;

/// <summary>
/// Asks, before every attempt that would reach the wire (retries included), whether the caller still wants the request
/// sent; the caller puts its question into the request's options. A request without one passes.
/// </summary>
internal sealed class AttemptGate : DelegatingHandler
{
    /// <summary>The request option that carries the question.</summary>
    public static readonly HttpRequestOptionsKey<Func<CancellationToken, ValueTask<bool>>> Key = new("Scheduler.AttemptGate");

    /// <inheritdoc />
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.Options.TryGetValue(Key, out var stillWanted) && !await stillWanted(cancellationToken).ConfigureAwait(false))
        {
            // Not an HttpRequestException: the retry strategy lets it through instead of trying again.
            throw new WithdrawnException();
        }

        return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The caller withdrew the request before an attempt.</summary>
    internal sealed class WithdrawnException : Exception
    {
        /// <summary>Creates the exception.</summary>
        public WithdrawnException()
            : base("the request was withdrawn before an attempt")
        {
        }
    }
}
