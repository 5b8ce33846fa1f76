using System.ComponentModel.DataAnnotations;
using Scheduler.Functions.Configuration;

namespace Scheduler.Functions.Vtn;

/// <summary>Paging, token caching and the resilience of the VTN client; configuration section <c>"Vtn"</c>.</summary>
public sealed class VtnHttpOptions : RetryingHttpOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Vtn";

    /// <summary>Sets the defaults: 10 s per attempt, 60 s in all.</summary>
    public VtnHttpOptions()
        : base(TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(60))
    {
    }

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
}
