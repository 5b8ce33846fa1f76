using System.Globalization;
using NodaTime;
using Scheduler.Optimizer.Model;

namespace Scheduler.Protocols.OpenAdr;

/// <summary>
/// Folds a site's OpenADR 3 events, as they arrive, into the import limits and price overrides that hold now:
/// newer versions replace older ones, cancellations and deletions drop an event, targets select the site,
/// and priority settles overlaps.
/// </summary>
/// <remarks>
/// Overlaps (User Guide §7.1): where events overlap, the one with the lowest priority number wins (no priority
/// counts as the lowest). For equal priority the tightest capacity limit holds and the price of the most recently
/// modified event holds; both are flagged in <see cref="GridSignalSet.Warnings"/>. Limits and prices never conflict.
/// A capacity limit's window is widened by its randomizeStart on both sides, since the VTN may shift it either way.
/// </remarks>
public sealed class GridSignalBook
{
    private readonly GridSignalBookOptions _options;
    private readonly HashSet<string> _targetNames;
    private readonly Dictionary<string, OpenAdrEvent> _events = new(StringComparer.Ordinal);

    /// <summary>Creates an empty book for one site.</summary>
    /// <param name="options">The site's target names and SIMPLE level limits.</param>
    public GridSignalBook(GridSignalBookOptions options)
    {
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _targetNames = new HashSet<string>(options.TargetNames, StringComparer.Ordinal);
    }

    /// <summary>The events that currently apply (cancelled ones kept as markers are left out), by key.</summary>
    public IReadOnlyCollection<OpenAdrEvent> Events => [.. _events.Values.Where(e => !e.IsCancelled).OrderBy(e => e.Key, StringComparer.Ordinal)];

    /// <summary>
    /// Takes in one event as the VTN sent it. A known event is replaced whole unless the incoming version's
    /// modificationDateTime is older (where either has none, the later arrival wins).
    /// </summary>
    /// <param name="openAdrEvent">The event read by <see cref="OpenAdrEventReader"/>.</param>
    /// <returns>What was done with it.</returns>
    public EventApplyOutcome Apply(OpenAdrEvent openAdrEvent)
    {
        ArgumentNullException.ThrowIfNull(openAdrEvent);
        var known = _events.GetValueOrDefault(openAdrEvent.Key);
        if (known is not null && IsOlder(openAdrEvent, known))
        {
            return EventApplyOutcome.IgnoredOlder;
        }

        if (!IsTargeted(openAdrEvent))
        {
            _events.Remove(openAdrEvent.Key);
            return EventApplyOutcome.IgnoredNotTargeted;
        }

        // A cancelled event stays as a marker, so that an older version arriving late is still recognised as older.
        _events[openAdrEvent.Key] = openAdrEvent;
        return openAdrEvent.IsCancelled ? EventApplyOutcome.Cancelled
            : known is null || known.IsCancelled ? EventApplyOutcome.Added
            : EventApplyOutcome.Replaced;
    }

    /// <summary>Takes in events in the order they arrived.</summary>
    /// <param name="events">The events.</param>
    /// <returns>What was done with each, in the same order.</returns>
    public IReadOnlyList<EventApplyOutcome> ApplyAll(IEnumerable<OpenAdrEvent> events) => [.. events.Select(Apply)];

    /// <summary>Drops an event the VTN deleted (a deletion is a cancellation, User Guide §7.9).</summary>
    /// <param name="eventKey">The event's id (its <see cref="OpenAdrEvent.Key"/>).</param>
    /// <returns>True when the book held the event.</returns>
    public bool Delete(string eventKey) => _events.Remove(eventKey);

    /// <summary>The limits and prices that hold from <paramref name="now"/> on.</summary>
    /// <param name="now">The current instant: intervals that ended by then are inactive and left out.</param>
    /// <param name="until">Where open-ended (<c>P9999Y</c>) intervals are cut off, e.g. the end of the planning window.</param>
    /// <returns>Non-overlapping limits and price overrides, with the warnings found on the way.</returns>
    public GridSignalSet Resolve(Instant now, Instant until)
    {
        var warnings = new List<OpenAdrIssue>();
        var limits = new List<Piece>();
        var prices = new List<Piece>();
        foreach (var e in _events.Values.Where(e => !e.IsCancelled).OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            foreach (var interval in e.Intervals)
            {
                foreach (var payload in interval.Payloads)
                {
                    Collect(e, interval, payload, limits, prices, warnings);
                }
            }
        }

        var active = (List<Piece> pieces) => pieces
            .Select(p => p with { End = p.End ?? until })
            .Where(p => p.End > now && p.End > p.Start)
            .ToList();

        var signals = Settle(active(limits), PickLimit, "capacity limits", warnings)
            .Select(s => new GridSignal(s.Id, s.Start, s.End, s.Value))
            .ToList();
        var overrides = Settle(active(prices), PickPrice, "prices", warnings)
            .Select(s => new PriceOverride(s.Id, s.Start, s.End, s.Value, s.Currency!))
            .ToList();
        return new GridSignalSet(signals, overrides, warnings);
    }

    private static bool IsOlder(OpenAdrEvent incoming, OpenAdrEvent known) =>
        incoming.ModificationDateTime is { } a && known.ModificationDateTime is { } b && a < b;

    private bool IsTargeted(OpenAdrEvent e) => e.Targets.Count == 0 || e.Targets.Any(_targetNames.Contains);

    private void Collect(OpenAdrEvent e, OpenAdrInterval interval, OpenAdrPayload payload, List<Piece> limits, List<Piece> prices, List<OpenAdrIssue> warnings)
    {
        if (interval.End == interval.Start)
        {
            // PT0S is "instantaneous or infinity, depending on payloadType" (3.0.1); for a limit or a price we do not guess which.
            warnings.Add(new OpenAdrIssue(payload.Path, "the interval has no duration (PT0S); not used"));
            return;
        }

        var id = e.Key + ":" + interval.Id.ToString(CultureInfo.InvariantCulture);
        var priority = e.Priority ?? int.MaxValue;
        switch (payload.Type)
        {
            case OpenAdrPayload.ImportCapacityLimit:
            {
                // The reader has checked that the units are KW or W.
                var units = e.DescriptorFor(payload.Type)!.Units!;
                var kw = string.Equals(units, "W", StringComparison.OrdinalIgnoreCase) ? payload.Values[0] / 1000 : payload.Values[0];
                limits.Add(Widened(new Piece(id, e.Key, interval.Start, interval.End, priority, e.ModificationDateTime, kw, null), interval));
                break;
            }

            case OpenAdrPayload.Simple:
            {
                var level = (int)payload.Values[0];
                if (_options.SimpleLevelLimitsKw.TryGetValue(level, out var kw))
                {
                    limits.Add(Widened(new Piece(id, e.Key, interval.Start, interval.End, priority, e.ModificationDateTime, kw, null), interval));
                }
                else
                {
                    warnings.Add(new OpenAdrIssue(payload.Path, string.Create(CultureInfo.InvariantCulture, $"SIMPLE level {level} has no limit configured for this site; ignored")));
                }

                break;
            }

            case OpenAdrPayload.Price:
                CollectPrices(e, interval, payload, id, priority, prices, warnings);
                break;
        }
    }

    private static void CollectPrices(OpenAdrEvent e, OpenAdrInterval interval, OpenAdrPayload payload, string id, int priority, List<Piece> prices, List<OpenAdrIssue> warnings)
    {
        var descriptor = e.DescriptorFor(OpenAdrPayload.Price);
        if (descriptor?.Currency is not { } currency || PerKwhFactor(descriptor.Units) is not { } factor)
        {
            warnings.Add(new OpenAdrIssue(payload.Path, "PRICE needs a payloadDescriptor with currency and units KWH, MWH or WH; not used"));
            return;
        }

        var count = payload.Values.Count;
        if (count == 1)
        {
            prices.Add(new Piece(id, e.Key, interval.Start, interval.End, priority, e.ModificationDateTime, payload.Values[0] * factor, currency));
            return;
        }

        if (interval.End is not { } end)
        {
            warnings.Add(new OpenAdrIssue(payload.Path, "a multi-valued PRICE cannot split an open-ended interval; not used"));
            return;
        }

        // A multi-valued price splits its interval into equal sub-intervals, one per value (User Guide §7.3).
        var step = (end - interval.Start) / count;
        for (var k = 0; k < count; k++)
        {
            var subStart = interval.Start + (step * k);
            var subEnd = k == count - 1 ? end : interval.Start + (step * (k + 1));
            var subId = id + "." + k.ToString(CultureInfo.InvariantCulture);
            prices.Add(new Piece(subId, e.Key, subStart, subEnd, priority, e.ModificationDateTime, payload.Values[k] * factor, currency));
        }
    }

    private static double? PerKwhFactor(string? units) => units?.ToUpperInvariant() switch
    {
        "KWH" => 1,
        "MWH" => 0.001,
        "WH" => 1000,
        _ => null,
    };

    private static Piece Widened(Piece piece, OpenAdrInterval interval) =>
        interval.RandomizeStart == Duration.Zero
            ? piece
            : piece with { Start = piece.Start - interval.RandomizeStart, End = piece.End + interval.RandomizeStart };

    private static Piece PickLimit(IReadOnlyList<Piece> candidates) =>
        candidates.OrderBy(p => p.Value).ThenBy(p => p.Id, StringComparer.Ordinal).First();

    private static Piece PickPrice(IReadOnlyList<Piece> candidates) =>
        candidates.OrderByDescending(p => p.Modified ?? Instant.MinValue).ThenBy(p => p.Id, StringComparer.Ordinal).First();

    /// <summary>
    /// Cuts the timeline at every start and end, and keeps in each cut the piece that wins there. The cuts are swept
    /// in order with the pieces that cover them, so the work grows with the pieces times their overlap, not with the
    /// pieces times the cuts.
    /// </summary>
    private static List<Settled> Settle(List<Piece> pieces, Func<IReadOnlyList<Piece>, Piece> pick, string what, List<OpenAdrIssue> warnings)
    {
        var cuts = pieces.SelectMany(p => new[] { p.Start, p.End!.Value }).Distinct().Order().ToList();
        var byStart = pieces.OrderBy(p => p.Start).ToList();
        var result = new List<Settled>();
        var flagged = new HashSet<string>(StringComparer.Ordinal);
        var covering = new List<Piece>();
        var stretches = new Dictionary<string, int>(StringComparer.Ordinal);
        var next = 0;
        for (var i = 0; i + 1 < cuts.Count; i++)
        {
            var (from, to) = (cuts[i], cuts[i + 1]);

            // A piece covers the cut from its start to its end, both of which are cuts.
            covering.RemoveAll(p => p.End <= from);
            while (next < byStart.Count && byStart[next].Start <= from)
            {
                if (byStart[next].End > from)
                {
                    covering.Add(byStart[next]);
                }

                next++;
            }

            if (covering.Count == 0)
            {
                continue;
            }

            // The highest priority (lowest number) wins; only equal-priority pieces compete.
            var best = covering.Min(p => p.Priority);
            var contenders = covering.Where(p => p.Priority == best).ToList();
            var winner = pick(contenders);
            var events = contenders.Select(p => p.EventKey).Distinct().Order(StringComparer.Ordinal).ToList();
            if (events.Count > 1 && flagged.Add(string.Join(",", events)))
            {
                warnings.Add(new OpenAdrIssue(
                    "$",
                    $"events {string.Join(", ", events)} overlap with equal priority on {what}; OpenADR leaves this unspecified, so {winner.EventKey} holds there"));
            }

            if (result.Count > 0 && result[^1] is { } last && last.Source == winner.Id && last.End == from && last.Value == winner.Value)
            {
                result[^1] = last with { End = to };
            }
            else
            {
                // A piece cut in two by a higher priority one is two stretches: each gets an id of its own.
                var stretch = stretches[winner.Id] = stretches.GetValueOrDefault(winner.Id) + 1;
                var id = stretch == 1 ? winner.Id : winner.Id + "#" + stretch.ToString(CultureInfo.InvariantCulture);
                result.Add(new Settled(id, winner.Id, from, to, winner.Value, winner.Currency));
            }
        }

        return result;
    }

    /// <summary>One limit or price from one interval, before overlaps are settled.</summary>
    private sealed record Piece(string Id, string EventKey, Instant Start, Instant? End, int Priority, Instant? Modified, double Value, string? Currency);

    /// <summary>A stretch of time with the piece that holds over it: its id (unique in the set) and the piece's own.</summary>
    private sealed record Settled(string Id, string Source, Instant Start, Instant End, double Value, string? Currency);
}
