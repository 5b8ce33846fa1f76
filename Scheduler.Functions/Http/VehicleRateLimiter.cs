using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using NodaTime;

namespace Scheduler.Functions.Http;

/// <summary>
/// Counts each caller's requests about each vehicle in fixed one-minute windows of the injected clock: a client that
/// floods one vehicle (an app stuck in a retry loop) is told when to come back, and every other caller and vehicle is
/// untouched. The count is per app instance; with several instances a flood is slowed, not stopped exactly.
/// </summary>
public sealed class VehicleRateLimiter
{
    private static readonly Duration Window = Duration.FromMinutes(1);

    // Windows older than the current one are dropped once this many keys are held.
    private const int PruneAbove = 10_000;

    private readonly ConcurrentDictionary<(string Caller, string SiteId, string VehicleId), (long Window, int Count)> _counts = new();
    private readonly IClock _clock;
    private readonly int _limit;

    /// <summary>Creates the limiter.</summary>
    public VehicleRateLimiter(IClock clock, IOptions<ApiOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _clock = clock;
        _limit = options.Value.RequestsPerVehiclePerMinute;
    }

    /// <summary>Counts one request; returns null when it may go on, else how long until the caller's window ends.</summary>
    public Duration? TryAcquire(string caller, string siteId, string vehicleId)
    {
        var now = _clock.GetCurrentInstant();
        var window = now.ToUnixTimeTicks() / Window.BclCompatibleTicks;
        var counted = _counts.AddOrUpdate((caller, siteId, vehicleId), (window, 1), (_, c) => c.Window == window ? (window, c.Count + 1) : (window, 1));
        if (_counts.Count > PruneAbove)
        {
            foreach (var stale in _counts.Where(p => p.Value.Window < window).Select(p => p.Key).ToList())
            {
                _counts.TryRemove(stale, out _);
            }
        }

        if (counted.Count <= _limit)
        {
            return null;
        }

        var windowEnd = Instant.FromUnixTimeTicks((window + 1) * Window.BclCompatibleTicks);
        return windowEnd - now;
    }
}
