using System.Collections.Concurrent;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;

namespace Scheduler.Functions.Csms;

/// <summary>
/// A circuit breaker per station (CSMS host and station id), each with the attempt's timeout inside it so that
/// timeouts count as failures: one station that keeps failing opens its own circuit only, and its neighbours at the
/// same CSMS are still served; a host that is down opens each station's circuit as that station fails. One per app.
/// </summary>
internal sealed class StationBreakers
{
    // Past this many stations, breakers idle for longer than their window and break are dropped (a fresh one is the same).
    private const int PruneAbove = 10_000;

    private readonly ConcurrentDictionary<(string Host, string Station), Entry> _breakers = new();
    private readonly CsmsHttpOptions _options;
    private readonly TimeProvider _time;

    /// <summary>Creates the breakers.</summary>
    public StationBreakers(IOptions<CsmsHttpOptions> options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        _time = time;
    }

    /// <summary>The pipeline (breaker, then attempt timeout) of one station.</summary>
    public ResiliencePipeline<HttpResponseMessage> For(string host, string station)
    {
        var now = _time.GetUtcNow();
        var entry = _breakers.GetOrAdd((host, station), _ => new Entry(Build()));
        entry.LastUsed = now;
        if (_breakers.Count > PruneAbove)
        {
            var idle = 2 * (_options.BreakerSamplingDuration + _options.BreakerBreakDuration);
            foreach (var (key, old) in _breakers.Where(b => now - b.Value.LastUsed > idle).ToList())
            {
                _breakers.TryRemove(KeyValuePair.Create(key, old));
            }
        }

        return entry.Pipeline;
    }

    private ResiliencePipeline<HttpResponseMessage> Build() => new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = _time }
        .AddCircuitBreaker(new HttpCircuitBreakerStrategyOptions
        {
            FailureRatio = _options.BreakerFailureRatio,
            MinimumThroughput = _options.BreakerMinimumThroughput,
            SamplingDuration = _options.BreakerSamplingDuration,
            BreakDuration = _options.BreakerBreakDuration,
        })
        .AddTimeout(_options.AttemptTimeout)
        .Build();

    private sealed class Entry(ResiliencePipeline<HttpResponseMessage> pipeline)
    {
        public ResiliencePipeline<HttpResponseMessage> Pipeline { get; } = pipeline;

        public DateTimeOffset LastUsed { get; set; }
    }
}
