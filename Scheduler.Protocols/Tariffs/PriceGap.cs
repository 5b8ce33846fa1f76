using NodaTime;

namespace Scheduler.Protocols.Tariffs;

/// <summary>A stretch of a window that no price covers; such time is never priced at zero, it is reported.</summary>
/// <param name="Start">The first instant without a price.</param>
/// <param name="End">The first instant with a price again (or the window's end).</param>
public sealed record PriceGap(Instant Start, Instant End)
{
    /// <summary>How long the gap is.</summary>
    public Duration Length => End - Start;
}
