using NodaTime;

namespace Scheduler.Protocols.OpenAdr;

/// <summary>A price that an OpenADR 3 PRICE event sets for an interval, in place of the tariff's.</summary>
public sealed record PriceOverride
{
    /// <summary>Creates a price override; a negative price is a price.</summary>
    /// <param name="id">The source: event key and interval id, e.g. <c>evt-7:3</c>.</param>
    /// <param name="start">When the price starts to hold.</param>
    /// <param name="end">When it stops (exclusive); after <paramref name="start"/>.</param>
    /// <param name="perKwh">The price per kWh in <paramref name="currency"/>.</param>
    /// <param name="currency">ISO 4217 code from the event's payloadDescriptor, e.g. USD.</param>
    public PriceOverride(string id, Instant start, Instant end, double perKwh, string currency)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        ArgumentException.ThrowIfNullOrWhiteSpace(currency);
        if (end <= start)
        {
            throw new ArgumentException("must be after the start", nameof(end));
        }

        if (!double.IsFinite(perKwh))
        {
            throw new ArgumentOutOfRangeException(nameof(perKwh), perKwh, "must be a finite number");
        }

        Id = id;
        Start = start;
        End = end;
        PerKwh = perKwh;
        Currency = currency;
    }

    /// <summary>The source: event key and interval id.</summary>
    public string Id { get; }

    /// <summary>The first instant the price holds.</summary>
    public Instant Start { get; }

    /// <summary>The first instant it no longer holds.</summary>
    public Instant End { get; }

    /// <summary>The price per kWh in <see cref="Currency"/>.</summary>
    public double PerKwh { get; }

    /// <summary>ISO 4217 code.</summary>
    public string Currency { get; }
}
