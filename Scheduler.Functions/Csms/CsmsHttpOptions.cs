using System.ComponentModel.DataAnnotations;

namespace Scheduler.Functions.Csms;

/// <summary>
/// Timeouts, retries and the circuit breaker of the CSMS client; configuration section <c>"Csms"</c>. The ranges are
/// those Polly accepts, so that a bad value fails at start-up with its name instead of at the first dispatch.
/// </summary>
public sealed class CsmsHttpOptions : IValidatableObject
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Csms";

    /// <summary>How long one attempt may take before it counts as failed and is retried.</summary>
    /// <value>The default is 10 s (a station that has not answered in 10 s rarely will, lbbrhzn/ocpp#2158).</value>
    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00")]
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long one send may take over all attempts and backoff delays.</summary>
    /// <value>The default is 40 s.</value>
    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00")]
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromSeconds(40);

    /// <summary>How many requests one send may make, the first included. 1 turns retries off.</summary>
    /// <value>The default is 3.</value>
    [Range(1, 10)]
    public int Attempts { get; set; } = 3;

    /// <summary>The delay before the first retry; it doubles for each later one, with jitter.</summary>
    /// <value>The default is 1 s.</value>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The share of failed attempts to one CSMS host, within <see cref="BreakerSamplingDuration"/>, that opens its circuit.</summary>
    /// <value>The default is 0.5.</value>
    [Range(0.01, 1.0)]
    public double BreakerFailureRatio { get; set; } = 0.5;

    /// <summary>How many attempts to one host the sampling window needs before the breaker may open.</summary>
    /// <value>The default is 10 (a depot dispatches a few profiles a minute, far below the library's 100).</value>
    [Range(2, 10_000)]
    public int BreakerMinimumThroughput { get; set; } = 10;

    /// <summary>The window over which the breaker counts failures.</summary>
    /// <value>The default is 60 s.</value>
    [Range(typeof(TimeSpan), "00:00:00.500", "1.00:00:00")]
    public TimeSpan BreakerSamplingDuration { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How long an open circuit fails sends at once before it lets one through again.</summary>
    /// <value>The default is 30 s.</value>
    [Range(typeof(TimeSpan), "00:00:00.500", "1.00:00:00")]
    public TimeSpan BreakerBreakDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (TotalTimeout < AttemptTimeout)
        {
            yield return new ValidationResult(
                $"TotalTimeout ({TotalTimeout}) must be at least AttemptTimeout ({AttemptTimeout}).",
                [nameof(TotalTimeout), nameof(AttemptTimeout)]);
        }
    }
}
