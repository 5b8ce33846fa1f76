namespace Scheduler.Functions.Csms;

/// <summary>Runs every attempt through its station's breaker and timeout (see <see cref="StationBreakers"/>).</summary>
internal sealed class StationBreakerHandler : DelegatingHandler
{
    /// <summary>The request option that names the station.</summary>
    public static readonly HttpRequestOptionsKey<string> StationKey = new("Scheduler.StationId");

    private readonly StationBreakers _breakers;

    /// <summary>Creates the handler over the app's breakers.</summary>
    public StationBreakerHandler(StationBreakers breakers) => _breakers = breakers;

    /// <inheritdoc />
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var station = request.Options.TryGetValue(StationKey, out var id) ? id : string.Empty;
        var pipeline = _breakers.For(request.RequestUri?.Authority ?? string.Empty, station);
        return await pipeline.ExecuteAsync(async token => await base.SendAsync(request, token).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
    }
}
