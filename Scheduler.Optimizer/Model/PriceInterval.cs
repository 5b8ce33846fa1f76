using NodaTime;

namespace Scheduler.Optimizer.Model;

/// <summary>An energy price that holds from <see cref="Start"/> (inclusive) to <see cref="End"/> (exclusive).</summary>
public sealed record PriceInterval
{
    /// <summary>Creates a price interval; a negative price is a price.</summary>
    public PriceInterval(Instant start, Instant end, double perKwh)
    {
        Check.Ordered(start, end, nameof(end));
        Start = start;
        End = end;
        PerKwh = Check.Finite(perKwh, nameof(perKwh));
    }

    /// <summary>The first instant the price holds.</summary>
    public Instant Start { get; }

    /// <summary>The first instant it no longer holds.</summary>
    public Instant End { get; }

    /// <summary>The price per kWh in the tariff's currency.</summary>
    public double PerKwh { get; }
}
