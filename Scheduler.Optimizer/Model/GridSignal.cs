using NodaTime;

namespace Scheduler.Optimizer.Model;

/// <summary>A utility's limit on the site's import over an interval (a demand-response event).</summary>
public sealed record GridSignal
{
    /// <summary>Creates a grid signal.</summary>
    /// <param name="id">The event's id.</param>
    /// <param name="start">When the limit starts.</param>
    /// <param name="end">When it ends (exclusive).</param>
    /// <param name="maxImportKw">The most the site may import meanwhile, in kW, zero or above.</param>
    public GridSignal(string id, Instant start, Instant end, double maxImportKw)
    {
        Id = Check.Id(id, nameof(id));
        Check.Ordered(start, end, nameof(end));
        Start = start;
        End = end;
        MaxImportKw = Check.NonNegative(maxImportKw, nameof(maxImportKw));
    }

    /// <summary>The event's id.</summary>
    public string Id { get; }

    /// <summary>When the limit starts.</summary>
    public Instant Start { get; }

    /// <summary>When it ends (exclusive).</summary>
    public Instant End { get; }

    /// <summary>The most the site may import, in kW.</summary>
    public double MaxImportKw { get; }
}
