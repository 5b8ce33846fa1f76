using System.ComponentModel.DataAnnotations;

namespace Scheduler.Functions.Configuration;

/// <summary>How profiles that got no answer are retried (configuration section <c>Dispatch</c>).</summary>
public sealed class DispatchOptions : IValidatableObject
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Dispatch";

    /// <summary>
    /// How long after a send with no answer (timeout, 5xx, no connection, an open circuit) it is tried again; the delay
    /// doubles with each further try up to <see cref="MaxRetryDelay"/>. The default is 30 seconds.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00", ErrorMessage = "Dispatch:RetryDelay must lie between 0 and 1 hour")]
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The longest delay between tries. The default is 5 minutes.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "06:00:00", ErrorMessage = "Dispatch:MaxRetryDelay must lie between 0 and 6 hours")]
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// How long after its plan a profile is still tried when no newer plan replaced it (a newer plan, at the latest the
    /// next timer plan, sends its own, and a TxProfile stops when its session ends); past it the profile is recorded as
    /// failed, and the charger is not held. The default is 24 hours.
    /// </summary>
    [Range(typeof(TimeSpan), "00:01:00", "7.00:00:00", ErrorMessage = "Dispatch:GiveUpAfter must lie between 1 minute and 7 days")]
    public TimeSpan GiveUpAfter { get; set; } = TimeSpan.FromHours(24);

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (MaxRetryDelay < RetryDelay)
        {
            yield return new ValidationResult($"Dispatch:MaxRetryDelay ({MaxRetryDelay}) must be at least Dispatch:RetryDelay ({RetryDelay})", [nameof(MaxRetryDelay)]);
        }
    }
}
