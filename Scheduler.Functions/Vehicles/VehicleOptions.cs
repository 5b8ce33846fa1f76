using System.ComponentModel.DataAnnotations;

namespace Scheduler.Functions.Vehicles;

/// <summary>How the app commands vehicles through their makers' APIs (section <c>Vehicles</c>).</summary>
public sealed class VehicleOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Vehicles";

    /// <summary>The name of the HTTP client of the vehicle APIs.</summary>
    public const string HttpClientName = "vehicle-api";

    /// <summary>How long one call to the API may take. <value>The default is 30 s.</value></summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:05:00")]
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>When a step is tried again after the vehicle did not answer; it doubles each time. <value>The default is 30 s.</value></summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The longest wait between tries. <value>The default is 10 min.</value></summary>
    [Range(typeof(TimeSpan), "00:00:00", "06:00:00")]
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How long a sleeping vehicle is given to wake before the step is tried again. <value>The default is 30 s.</value></summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan WakeDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The tries of one step before the vehicle is recorded as unreachable and planned without. <value>The default is 6.</value></summary>
    [Range(1, 100)]
    public int MaxAttempts { get; set; } = 6;

    /// <summary>The longest a step's message is held back in the queue (a queue holds a message back at most 7 days). <value>The default is 7 days.</value></summary>
    [Range(typeof(TimeSpan), "00:00:00", "7.00:00:00")]
    public TimeSpan MaxMessageDelay { get; set; } = TimeSpan.FromDays(7);
}
