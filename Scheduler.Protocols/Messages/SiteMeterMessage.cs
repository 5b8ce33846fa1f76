using NodaTime;

namespace Scheduler.Protocols.Messages;

/// <summary>
/// A reading of the site's own import meter at the grid connection (message type <c>site-meter</c>): what the whole
/// site drew, charging and the rest of the building together. It carries the meter's import register at an instant,
/// the average import over an interval ending at that instant, or both.
/// </summary>
public sealed record SiteMeterMessage
{
    /// <summary>The largest import register: 1e9 kWh.</summary>
    public const double MaxRegisterKwh = 1e9;

    /// <summary>The largest average import: 1e6 kW.</summary>
    public const double MaxAverageKw = 1e6;

    /// <summary>The longest interval an average may cover: one hour.</summary>
    public static readonly Duration MaxInterval = Duration.FromHours(1);

    /// <summary>Creates a site-meter reading.</summary>
    /// <param name="id">The idempotency key, 1 to 128 characters.</param>
    /// <param name="siteId">The site, 1 to 128 characters.</param>
    /// <param name="timestamp">When the meter was read: the register's instant, and the end of the average's interval.</param>
    /// <param name="importRegisterKwh">The meter's import energy register, in kWh, 0 to <see cref="MaxRegisterKwh"/>; null where not sent.</param>
    /// <param name="intervalStart">The start of the interval <paramref name="averageImportKw"/> covers: before <paramref name="timestamp"/>, at most <see cref="MaxInterval"/> before it; null exactly when the average is.</param>
    /// <param name="averageImportKw">The site's average import from <paramref name="intervalStart"/> to <paramref name="timestamp"/>, in kW, 0 to <see cref="MaxAverageKw"/>; null where not sent.</param>
    /// <exception cref="ArgumentException">Neither a register nor an average, an average without its interval, or an interval out of order or too long.</exception>
    public SiteMeterMessage(string id, string siteId, Instant timestamp, double? importRegisterKwh, Instant? intervalStart = null, double? averageImportKw = null)
    {
        Id = MessageCheck.Id(id, nameof(id));
        SiteId = MessageCheck.Id(siteId, nameof(siteId));
        Timestamp = timestamp;
        if (importRegisterKwh is { } register)
        {
            MessageCheck.InRange(register, 0, MaxRegisterKwh, nameof(importRegisterKwh));
        }

        if (averageImportKw is { } average)
        {
            MessageCheck.InRange(average, 0, MaxAverageKw, nameof(averageImportKw));
        }

        if ((intervalStart is null) != (averageImportKw is null))
        {
            throw new ArgumentException("an average import comes with the start of its interval, and only it does", nameof(intervalStart));
        }

        if (intervalStart is { } start && (start >= timestamp || timestamp - start > MaxInterval))
        {
            throw new ArgumentException("the interval must start before the timestamp, at most an hour before it", nameof(intervalStart));
        }

        if (importRegisterKwh is null && averageImportKw is null)
        {
            throw new ArgumentException("a reading carries the import register, the average import, or both", nameof(importRegisterKwh));
        }

        ImportRegisterKwh = importRegisterKwh;
        IntervalStart = intervalStart;
        AverageImportKw = averageImportKw;
    }

    /// <summary>The idempotency key.</summary>
    public string Id { get; }

    /// <summary>The site.</summary>
    public string SiteId { get; }

    /// <summary>When the meter was read: the register's instant, and the end of the average's interval.</summary>
    public Instant Timestamp { get; }

    /// <summary>The meter's import energy register, in kWh, or null where the reading has none.</summary>
    public double? ImportRegisterKwh { get; }

    /// <summary>The start of the interval of <see cref="AverageImportKw"/>, or null where the reading has no average.</summary>
    public Instant? IntervalStart { get; }

    /// <summary>The site's average import over the interval ending at <see cref="Timestamp"/>, in kW, or null.</summary>
    public double? AverageImportKw { get; }
}
