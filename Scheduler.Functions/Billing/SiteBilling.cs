using NodaTime;
using Scheduler.Functions.Sessions;
using Scheduler.Functions.Sites;
using Scheduler.Optimizer.Model;
using Scheduler.Optimizer.Solving;
using Scheduler.Protocols.Billing;

namespace Scheduler.Functions.Billing;

/// <summary>
/// A site's demand charges per billing period and the peaks its meter recorded in them. A slot's import comes from the
/// site's own meter where its readings cover the slot (charging and the rest of the building, so nothing is added);
/// else it is the chargers' metered energy (what each session drew between two plans, spread over that time) plus the
/// base-load forecast. Once a slot has passed, each charge that covers it keeps the higher of its peak and the slot's
/// import, and every plan is given those peaks as <see cref="DemandCharge.PeakSoFarKw"/>, the slots that passed since
/// the plan before included.
/// </summary>
public sealed class SiteBilling
{
    /// <summary>The prefix of the demand charges' ids; the billing period follows: <c>demand-2026-03</c>.</summary>
    public const string ChargeIdPrefix = "demand";

    // How far back a site's first count looks for records of import (its chargers' energy, its meter's readings).
    private static readonly Duration FirstLookBack = Duration.FromDays(1);

    private readonly SiteImportStore _imports;
    private readonly BillingPeakStore _peaks;
    private readonly SiteMeterStore _meter;

    /// <summary>Creates the service.</summary>
    public SiteBilling(SiteImportStore imports, BillingPeakStore peaks, SiteMeterStore meter)
    {
        _imports = imports;
        _peaks = peaks;
        _meter = meter;
    }

    /// <summary>The site's demand charges over the billing periods that meet the span, each over its own period.</summary>
    public static IReadOnlyList<DemandCharge> Charges(SiteRecord site, DateTimeZone zone, Instant from, Instant to)
    {
        ArgumentNullException.ThrowIfNull(site);
        var perKw = site.Settings.DemandChargePerKw;
        return perKw <= 0
            ? []
            : [.. BillingPeriod.Within(from, to, zone, site.Settings.BillingCycleDay)
                .Select(p => new DemandCharge($"{ChargeIdPrefix}-{p.Id}", perKw, [new Interval(p.Start, p.End)]))];
    }

    /// <summary>
    /// The charges that meet the span, with their peaks as they stand at <paramref name="now"/>: the recorded ones, and
    /// every slot that has passed since the last count, counted as <see cref="RecordAsync"/> will count it. With them,
    /// what the chargers drew from the start of <paramref name="now"/>'s slot up to it (stored, plus what the sessions
    /// drew since their last estimate), in kWh, which the plan counts toward that slot's demand.
    /// </summary>
    /// <param name="site">The site.</param>
    /// <param name="zone">Its zone.</param>
    /// <param name="from">The span's start.</param>
    /// <param name="to">The span's end.</param>
    /// <param name="drawn">Per session as read before the plan, the energy taken as delivered at <paramref name="now"/> (or at its stop, where it has stopped since), in kWh.</param>
    /// <param name="now">The planning instant.</param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    public async Task<(IReadOnlyList<DemandCharge> Charges, RecordedPeaks Peaks, double DrawnThisSlotKwh)> ChargesAsync(
        SiteRecord site, DateTimeZone zone, Instant from, Instant to, IReadOnlyList<(SessionRecord Session, double DeliveredKwh)> drawn, Instant now, CancellationToken cancellationToken = default)
    {
        var charges = Charges(site, zone, from, to);
        if (charges.Count == 0)
        {
            return (charges, RecordedPeaks.None, 0);
        }

        var slot = Duration.FromMinutes(site.Settings.SlotMinutes);
        var unstored = Drawn(drawn, now, slot);
        var count = await CountAsync(site, zone, unstored, now, cancellationToken).ConfigureAwait(false);
        var start = SlotGrid.Floor(now, slot);
        var drawnThisSlot = start == now
            ? 0
            : (await _imports.ListAsync(site.Id, start, start + slot, cancellationToken).ConfigureAwait(false)).Sum(s => s.Kwh) + unstored.GetValueOrDefault(start);
        return (charges, count.Peaks, drawnThisSlot);
    }

    /// <summary>
    /// Records what the sessions drew since the plan before (from each one's previous estimate to its energy now) and
    /// counts every slot that has passed into the peaks of its billing period.
    /// </summary>
    /// <param name="site">The site.</param>
    /// <param name="zone">Its zone.</param>
    /// <param name="drawn">Per session as read before the plan, the energy taken as delivered at <paramref name="now"/> (or at its stop, where it has stopped since), in kWh.</param>
    /// <param name="now">The planning instant.</param>
    /// <param name="cancellationToken">Cancels the writes.</param>
    public async Task RecordAsync(SiteRecord site, DateTimeZone zone, IReadOnlyList<(SessionRecord Session, double DeliveredKwh)> drawn, Instant now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(site);
        foreach (var (start, kwh) in Drawn(drawn, now, Duration.FromMinutes(site.Settings.SlotMinutes)))
        {
            await _imports.AddAsync(site.Id, start, kwh, cancellationToken).ConfigureAwait(false);
        }

        var count = await CountAsync(site, zone, new Dictionary<Instant, double>(), now, cancellationToken).ConfigureAwait(false);
        await _imports.MarkCountedAsync(site.Id, count.Slots, cancellationToken).ConfigureAwait(false);

        // The first count is saved even where it counted nothing: the slots from then on are the site's record.
        if (count.Until > count.From || count.First)
        {
            await _peaks.SaveAsync(site.Id, count.Peaks, count.Until, cancellationToken).ConfigureAwait(false);
        }
    }

    // What each session drew since its previous estimate, per slot: up to now, or to its stop.
    private static SortedDictionary<Instant, double> Drawn(IReadOnlyList<(SessionRecord Session, double DeliveredKwh)> drawn, Instant now, Duration slot)
    {
        ArgumentNullException.ThrowIfNull(drawn);
        var added = new SortedDictionary<Instant, double>();
        foreach (var (session, delivered) in drawn)
        {
            var from = session.EstimatedAt ?? session.Arrival;
            var to = session.StoppedAt is { } stop && stop < now ? stop : now;
            var kwh = delivered - session.EstimatedKwh;
            if (kwh > 0 && to > from)
            {
                Spread(added, from, to, kwh, slot);
            }
        }

        return added;
    }

    // Energy drawn evenly from one instant to another, shared out over the slots it spans by the time in each.
    private static void Spread(SortedDictionary<Instant, double> slots, Instant from, Instant to, double kwh, Duration slot)
    {
        var total = (to - from).TotalSeconds;
        for (var start = SlotGrid.Floor(from, slot); start < to; start += slot)
        {
            var overlap = ((start + slot < to ? start + slot : to) - (start > from ? start : from)).TotalSeconds;
            slots[start] = slots.GetValueOrDefault(start) + (kwh * overlap / total);
        }
    }

    // Every slot that has ended since the last count, in order, into its charges' peaks: from the site's meter where its
    // readings cover the slot, else the chargers' energy (stored, plus what is drawn but not stored yet) and the base
    // load. A slot that waits for its closing site-meter reading ends the count: it and the slots after it come later.
    private async Task<Count> CountAsync(SiteRecord site, DateTimeZone zone, IReadOnlyDictionary<Instant, double> unstoredKwh, Instant now, CancellationToken cancellationToken)
    {
        var slot = Duration.FromMinutes(site.Settings.SlotMinutes);
        var until = SlotGrid.Floor(now, slot);
        var (peaks, counted) = await _peaks.ReadAsync(site.Id, cancellationToken).ConfigureAwait(false);
        var from = counted ?? until - FirstLookBack;
        if (from >= until || site.Settings.DemandChargePerKw <= 0)
        {
            return new Count(peaks, from, from, [], First: false);
        }

        var metered = (await _imports.ListAsync(site.Id, from, until, cancellationToken).ConfigureAwait(false)).ToDictionary(s => s.SlotStart, s => s.Kwh);
        var meter = await _meter.ReadAsync(site.Id, from, slot, cancellationToken).ConfigureAwait(false);
        if (counted is null)
        {
            // The site's first count starts at its first record: before it, the base-load forecast alone is no record of
            // import, and the replay's peaks start empty at its first minute likewise.
            from = FirstRecorded(from, until, slot, s => meter.ImportKw(s, s + slot) is not null || metered.GetValueOrDefault(s) + unstoredKwh.GetValueOrDefault(s) > 0);
        }

        var charges = Charges(site, zone, from, until);
        var slots = new List<(Instant, double, string)>();
        var start = from;
        for (; start < until; start += slot)
        {
            var siteKw = meter.ImportKw(start, start + slot);
            if (siteKw is null && meter.Awaits(start + slot, now))
            {
                break;
            }

            var importKw = siteKw ?? (((metered.GetValueOrDefault(start) + unstoredKwh.GetValueOrDefault(start)) / slot.TotalHours) + site.Settings.BaseLoadKw);
            peaks = peaks.Record(charges, start, start + slot, importKw);
            slots.Add((start, importKw, siteKw is null ? SiteImportStore.MeterSums : SiteImportStore.SiteMeter));
        }

        return new Count(peaks, from, start, slots, First: counted is null);
    }

    // The first slot from one instant on that has a record of import, or the end where none has.
    private static Instant FirstRecorded(Instant from, Instant until, Duration slot, Func<Instant, bool> recorded)
    {
        var start = from;
        while (start < until && !recorded(start))
        {
            start += slot;
        }

        return start;
    }

    // The peaks with the slots from one instant counted up to another, each slot's import and where it came from, and
    // whether it is the site's first count.
    private sealed record Count(RecordedPeaks Peaks, Instant From, Instant Until, IReadOnlyList<(Instant Start, double ImportKw, string Source)> Slots, bool First);
}
