using NodaTime;
using Scheduler.Functions.Sessions;
using Scheduler.Functions.Sites;
using Scheduler.Optimizer.Model;
using Scheduler.Optimizer.Solving;
using Scheduler.Protocols.Billing;

namespace Scheduler.Functions.Billing;

/// <summary>
/// A site's demand charges per billing period and the peaks its meter recorded in them. The site's import per slot
/// is the chargers' metered energy (what each session drew between two plans, spread over that time) plus the
/// base-load forecast; once a slot has passed, each charge that covers it keeps the higher of its peak and the slot's
/// import, and every plan is given those peaks as <see cref="DemandCharge.PeakSoFarKw"/>.
/// </summary>
public sealed class SiteBilling
{
    /// <summary>The prefix of the demand charges' ids; the billing period follows: <c>demand-2026-03</c>.</summary>
    public const string ChargeIdPrefix = "demand";

    private readonly SiteImportStore _imports;
    private readonly BillingPeakStore _peaks;

    /// <summary>Creates the service.</summary>
    public SiteBilling(SiteImportStore imports, BillingPeakStore peaks)
    {
        _imports = imports;
        _peaks = peaks;
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

    /// <summary>The charges that meet the span, with the peaks recorded so far.</summary>
    public async Task<(IReadOnlyList<DemandCharge> Charges, RecordedPeaks Peaks)> ChargesAsync(
        SiteRecord site, DateTimeZone zone, Instant from, Instant to, CancellationToken cancellationToken = default)
    {
        var charges = Charges(site, zone, from, to);
        if (charges.Count == 0)
        {
            return (charges, RecordedPeaks.None);
        }

        var (peaks, _) = await _peaks.ReadAsync(site.Id, cancellationToken).ConfigureAwait(false);
        return (charges, peaks);
    }

    /// <summary>
    /// Records what the sessions drew since the plan before (from each one's previous estimate to its energy now) and
    /// counts every slot that has passed into the peaks of its billing period.
    /// </summary>
    /// <param name="site">The site.</param>
    /// <param name="zone">Its zone.</param>
    /// <param name="drawn">Per session as read before the plan, the energy taken as delivered at <paramref name="now"/>, in kWh.</param>
    /// <param name="now">The planning instant.</param>
    /// <param name="cancellationToken">Cancels the writes.</param>
    public async Task RecordAsync(SiteRecord site, DateTimeZone zone, IReadOnlyList<(SessionRecord Session, double DeliveredKwh)> drawn, Instant now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(site);
        ArgumentNullException.ThrowIfNull(drawn);
        var slot = Duration.FromMinutes(site.Settings.SlotMinutes);
        var added = new SortedDictionary<Instant, double>();
        foreach (var (session, delivered) in drawn)
        {
            var from = session.EstimatedAt ?? session.Arrival;
            var kwh = delivered - session.EstimatedKwh;
            if (kwh > 0 && now > from)
            {
                Spread(added, from, now, kwh, slot);
            }
        }

        foreach (var (start, kwh) in added)
        {
            await _imports.AddAsync(site.Id, start, kwh, cancellationToken).ConfigureAwait(false);
        }

        await CountPassedSlotsAsync(site, zone, slot, now, cancellationToken).ConfigureAwait(false);
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

    // Every slot that has ended since the last count is counted once, charging plus base load, into its charges' peaks.
    private async Task CountPassedSlotsAsync(SiteRecord site, DateTimeZone zone, Duration slot, Instant now, CancellationToken cancellationToken)
    {
        var until = SlotGrid.Floor(now, slot);
        var (peaks, counted) = await _peaks.ReadAsync(site.Id, cancellationToken).ConfigureAwait(false);
        var from = counted ?? until - Duration.FromDays(1);
        if (from >= until || site.Settings.DemandChargePerKw <= 0)
        {
            return;
        }

        var charges = Charges(site, zone, from, until);
        var metered = (await _imports.ListAsync(site.Id, from, until, cancellationToken).ConfigureAwait(false)).ToDictionary(s => s.SlotStart, s => s.Kwh);
        for (var start = from; start < until; start += slot)
        {
            var importKw = (metered.GetValueOrDefault(start) / slot.TotalHours) + site.Settings.BaseLoadKw;
            peaks = peaks.Record(charges, start, start + slot, importKw);
        }

        await _peaks.SaveAsync(site.Id, peaks, until, cancellationToken).ConfigureAwait(false);
    }
}
