using System.ComponentModel.DataAnnotations;

namespace Scheduler.Functions.Configuration;

/// <summary>The timeouts and retries a client shares with the others; each client's options set their own defaults.</summary>
public abstract class RetryingHttpOptions : IValidatableObject
{
    /// <summary>Sets the client's default timeouts.</summary>
    /// <param name="attemptTimeout">The default of <see cref="AttemptTimeout"/>.</param>
    /// <param name="totalTimeout">The default of <see cref="TotalTimeout"/>.</param>
    protected RetryingHttpOptions(TimeSpan attemptTimeout, TimeSpan totalTimeout)
    {
        AttemptTimeout = attemptTimeout;
        TotalTimeout = totalTimeout;
    }

    /// <summary>How long one request may take before it is retried.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00")]
    public TimeSpan AttemptTimeout { get; set; }

    /// <summary>How long one request may take over all its attempts.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00")]
    public TimeSpan TotalTimeout { get; set; }

    /// <summary>How many times one request may be sent, the first included. 1 turns retries off.</summary>
    /// <value>The default is 3.</value>
    [Range(1, 10)]
    public int Attempts { get; set; } = 3;

    /// <summary>The delay before the first retry; it doubles for each later one, with jitter.</summary>
    /// <value>The default is 2 s.</value>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (TotalTimeout <= AttemptTimeout)
        {
            yield return new ValidationResult(
                $"TotalTimeout ({TotalTimeout}) must be longer than AttemptTimeout ({AttemptTimeout}).",
                [nameof(TotalTimeout), nameof(AttemptTimeout)]);
        }
    }
}
