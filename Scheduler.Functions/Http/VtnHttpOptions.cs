using System.ComponentModel.DataAnnotations;

namespace Scheduler.Functions.Http;

/// <summary>Paging, token caching and the resilience of the VTN client; configuration section <c>"Vtn"</c>.</summary>
public sealed class VtnHttpOptions : IValidatableObject
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Vtn";

    /// <summary>How many events to ask for per page; OpenADR 3 caps <c>limit</c> at 50.</summary>
    /// <value>The default is 50.</value>
    [Range(1, 50)]
    public int PageSize { get; set; } = 50;

    /// <summary>How many pages one poll may read before it gives up on a VTN that seems to ignore <c>skip</c>.</summary>
    /// <value>The default is 200 (10,000 events).</value>
    [Range(1, 100_000)]
    public int MaxPages { get; set; } = 200;

    /// <summary>How long before its <c>expires_in</c> a cached access token is replaced.</summary>
    /// <value>The default is 60 s.</value>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan TokenRefreshMargin { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How long one request may take before it is retried.</summary>
    /// <value>The default is 10 s.</value>
    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00")]
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long one request may take over all its attempts.</summary>
    /// <value>The default is 60 s.</value>
    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00")]
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromSeconds(60);

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
