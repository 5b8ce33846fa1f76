using System.ComponentModel.DataAnnotations;

namespace Scheduler.Functions.Http;

/// <summary>Settings of the HTTP API (section <c>Api</c>).</summary>
public sealed class ApiOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Api";

    /// <summary>
    /// How many requests one signed-in caller may make about one vehicle per minute before getting 429 with
    /// <c>Retry-After</c>. <value>The default value is 30.</value>
    /// </summary>
    [Range(1, 10_000)]
    public int RequestsPerVehiclePerMinute { get; set; } = 30;
}
