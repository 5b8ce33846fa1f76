using System.ComponentModel.DataAnnotations;
using Scheduler.Functions.Configuration;

namespace Scheduler.Functions.PriceFeeds;

/// <summary>The body-size cap and the resilience of the tariff feed client; configuration section <c>"TariffFeeds"</c>.</summary>
public sealed class TariffFeedHttpOptions : RetryingHttpOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "TariffFeeds";

    /// <summary>Sets the defaults: 30 s per attempt, 120 s in all.</summary>
    public TariffFeedHttpOptions()
        : base(TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(120))
    {
    }

    /// <summary>The largest feed body accepted, in bytes; a larger one is an <see cref="InvalidDataException"/>.</summary>
    /// <value>The default is 8 MiB.</value>
    [Range(1L, 1L << 30)]
    public long MaxResponseBytes { get; set; } = 8L << 20;
}
