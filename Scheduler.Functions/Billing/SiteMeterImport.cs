using NodaTime;

namespace Scheduler.Functions.Billing;

/// <summary>
/// The site's import per slot as its own meter measured it. Readings become metered pieces of time with their energy:
/// two successive register readings at most a slot apart (the register may not fall: a replaced meter leaves a gap),
/// and each average over an interval no longer than a slot. Where pieces overlap (an average and registers of the same
/// time, or two averages) the overlap is counted once, from the piece that starts first. A slot the pieces cover whole
/// has its import from them; any other slot has none, and is billed from the chargers' meter sums instead.
/// </summary>
public sealed class SiteMeterImport
{
    /// <summary>How long after a slot's end the reading that closes it is waited for, while the meter is sending.</summary>
    public static readonly Duration Grace = Duration.FromMinutes(15);

    /// <summary>How recent the latest reading must be for the site to count as sending its meter.</summary>
    public static readonly Duration ActiveWithin = Duration.FromHours(1);

    /// <summary>No readings at all.</summary>
    public static SiteMeterImport None { get; } = new([], null);

    private readonly IReadOnlyList<Piece> _pieces;

    private SiteMeterImport(IReadOnlyList<Piece> pieces, Instant? latest)
    {
        _pieces = pieces;
        LatestReading = latest;
    }

    /// <summary>The latest instant a reading was taken at, or null without readings.</summary>
    public Instant? LatestReading { get; }

    /// <summary>Builds the pieces of a site's readings, in any order and with repeats.</summary>
    /// <param name="registers">Import register readings: when, and the register in kWh.</param>
    /// <param name="averages">Average imports: the interval and its average in kW.</param>
    /// <param name="slot">The slot length: no piece may be longer.</param>
    public static SiteMeterImport From(IEnumerable<(Instant At, double Kwh)> registers, IEnumerable<(Instant Start, Instant End, double Kw)> averages, Duration slot)
    {
        ArgumentNullException.ThrowIfNull(registers);
        ArgumentNullException.ThrowIfNull(averages);
        var pieces = new List<Piece>();
        var sorted = registers.DistinctBy(r => r.At).OrderBy(r => r.At).ToList();
        for (var i = 1; i < sorted.Count; i++)
        {
            var (from, to) = (sorted[i - 1], sorted[i]);
            if (to.At - from.At <= slot && to.Kwh >= from.Kwh)
            {
                pieces.Add(new Piece(from.At, to.At, to.Kwh - from.Kwh));
            }
        }

        var listed = averages.DistinctBy(a => (a.Start, a.End)).ToList();
        pieces.AddRange(listed.Where(a => a.End - a.Start <= slot).Select(a => new Piece(a.Start, a.End, a.Kw * (a.End - a.Start).TotalHours)));
        var latest = sorted.Select(r => (Instant?)r.At).Concat(listed.Select(a => (Instant?)a.End)).Max();
        return new SiteMeterImport(WithoutOverlaps(pieces), latest);
    }

    /// <summary>The site's average import over the slot, in kW, or null where the readings do not cover all of it.</summary>
    public double? ImportKw(Instant slotStart, Instant slotEnd)
    {
        var coveredSeconds = 0.0;
        var kwh = 0.0;
        foreach (var piece in _pieces.Where(p => p.End > slotStart && p.Start < slotEnd))
        {
            var overlap = ((piece.End < slotEnd ? piece.End : slotEnd) - (piece.Start > slotStart ? piece.Start : slotStart)).TotalSeconds;
            coveredSeconds += overlap;
            kwh += piece.Kwh * overlap / (piece.End - piece.Start).TotalSeconds;
        }

        var slotSeconds = (slotEnd - slotStart).TotalSeconds;
        return coveredSeconds >= slotSeconds - 1e-6 ? kwh / (slotSeconds / 3600) : null;
    }

    /// <summary>
    /// Whether a slot that its readings do not cover yet should wait for them: the site sent a reading within
    /// <see cref="ActiveWithin"/> and the slot ended less than <see cref="Grace"/> ago, so its closing reading may be on its way.
    /// </summary>
    public bool Awaits(Instant slotEnd, Instant now) =>
        LatestReading is { } latest && now - latest <= ActiveWithin && now < slotEnd + Grace;

    // Each stretch of time counts once: a piece that starts inside an earlier one keeps only the part after it.
    private static List<Piece> WithoutOverlaps(List<Piece> pieces)
    {
        var kept = new List<Piece>();
        Instant? coveredUntil = null;
        foreach (var piece in pieces.OrderBy(p => p.Start).ThenBy(p => p.End))
        {
            var start = coveredUntil is { } until && until > piece.Start ? until : piece.Start;
            if (start >= piece.End)
            {
                continue;
            }

            kept.Add(new Piece(start, piece.End, piece.Kwh * (piece.End - start).TotalSeconds / (piece.End - piece.Start).TotalSeconds));
            coveredUntil = piece.End;
        }

        return kept;
    }

    private sealed record Piece(Instant Start, Instant End, double Kwh);
}
