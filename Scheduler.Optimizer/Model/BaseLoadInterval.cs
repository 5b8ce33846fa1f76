using NodaTime;

namespace Scheduler.Optimizer.Model;

/// <summary>A forecast of the site's other load (not charging) over an interval, in kW; negative where the site exports.</summary>
public sealed record BaseLoadInterval
{
    /// <summary>Creates a base-load interval.</summary>
    public BaseLoadInterval(Instant start, Instant end, double kw)
    {
        Check.Ordered(start, end, nameof(end));
        Start = start;
        End = end;
        Kw = Check.Finite(kw, nameof(kw));
    }

    /// <summary>The first instant of the interval.</summary>
    public Instant Start { get; }

    /// <summary>The end of the interval (exclusive).</summary>
    public Instant End { get; }

    /// <summary>The load in kW.</summary>
    public double Kw { get; }
}
