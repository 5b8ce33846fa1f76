using System.ComponentModel.DataAnnotations;

namespace Scheduler.Functions.Http;

/// <summary>The body-size cap and the resilience of the tariff feed client; configuration section <c>"TariffFeeds"</c>.</summary>
public sealed class TariffFeedHttpOptions : IValidatableObject
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "TariffFeeds";

    /// <summary>The largest feed body accepted, in bytes; a larger one is an <see cref="InvalidDataException"/>.</summary>
    /// <value>The default is 8 MiB.</value>
    [Range(1L, 1L << 30)]
    public long MaxResponseBytes { get; set; } = 8L << 20;

    /// <summary>How long one request may take before it is retried.</summary>
    /// <value>The default is 30 s (some feeds build a day of prices on request).</value>
    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00")]
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long one fetch may take over all its attempts.</summary>
    /// <value>The default is 120 s.</value>
    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00")]
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromSeconds(120);

    /// <summary>How many times one fetch may be sent, the first included. 1 turns retries off.</summary>
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
