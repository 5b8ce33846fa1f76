using System.Globalization;
using NodaTime;
using Scheduler.Optimizer.Model;
using Scheduler.Protocols.Input;

namespace Scheduler.Protocols.Tariffs;

/// <summary>
/// What every tariff reader does with the prices it finds: each interval with its place in the feed, and the rules
/// a reader stands behind before it passes prices on. An interval ends after it starts, lasts from
/// <see cref="InputLimits.MinFeedInterval"/> to <see cref="InputLimits.MaxFeedInterval"/>, lies in the years of
/// <see cref="InputLimits"/> (and near the document's own period, where it declares one), and prices at most
/// <see cref="MaxPricePerKwh"/>; no two intervals overlap; a feed holds at most <see cref="InputLimits.MaxIntervals"/>.
/// </summary>
internal sealed class PriceList(List<TariffError> errors)
{
    /// <summary>The largest price per kWh in either direction, as the scenario file bounds it: no market comes near it.</summary>
    public const double MaxPricePerKwh = 10_000;

    /// <summary>The largest demand charge per kW, as the scenario file bounds it.</summary>
    public const double MaxDemandChargePerKw = 100_000;

    private readonly List<(PriceInterval Price, string Place)> _prices = [];

    /// <summary>The errors, shared with the reader that reports its own.</summary>
    public List<TariffError> Errors => errors;

    /// <summary>True once <see cref="TariffReadResult.MaxErrors"/> errors are found: a reader may stop, the rest are likely alike.</summary>
    public bool IsFull => errors.Count >= TariffReadResult.MaxErrors;

    /// <summary>Records an error at <paramref name="place"/> when a list of <paramref name="count"/> entries holds more than a feed may; true when it does.</summary>
    public bool TooMany(int count, string place)
    {
        if (count <= InputLimits.MaxIntervals)
        {
            return false;
        }

        errors.Add(new TariffError(place, string.Create(CultureInfo.InvariantCulture, $"holds {count:N0} entries, more than the {InputLimits.MaxIntervals:N0} intervals (a year of five-minute prices) a feed may hold")));
        return true;
    }

    /// <summary>Adds an interval found at <paramref name="place"/>, or records why it cannot be one.</summary>
    /// <param name="start">Its start.</param>
    /// <param name="end">Its end.</param>
    /// <param name="perKwh">Its price per kWh.</param>
    /// <param name="place">Where the feed has it, e.g. <c>$.data[3]</c> or <c>line 17</c>.</param>
    /// <param name="endPlace">Where the feed has its end, for an end that is not after the start; null for <paramref name="place"/>.</param>
    public void Add(Instant start, Instant end, double perKwh, string place, string? endPlace = null)
    {
        if (end <= start)
        {
            errors.Add(new TariffError(endPlace ?? place, Invariant($"ends at {end} but starts at {start}: expected the end after the start")));
            return;
        }

        if (Problem(start, end, perKwh) is { } problem)
        {
            errors.Add(new TariffError(place, problem));
            return;
        }

        if (_prices.Count == InputLimits.MaxIntervals)
        {
            TooMany(_prices.Count + 1, place);
        }

        if (_prices.Count < InputLimits.MaxIntervals)
        {
            _prices.Add((new PriceInterval(start, end, perKwh), place));
        }
    }

    /// <summary>
    /// Records an error for every interval that lies more than <see cref="InputLimits.MaxFeedDrift"/> outside the
    /// period the document declares (a timestamp in seconds where milliseconds belong, a year mistyped).
    /// </summary>
    /// <param name="periodStart">The start of the document's period.</param>
    /// <param name="periodEnd">Its end.</param>
    /// <param name="periodPlace">Where the document declares it, for the message.</param>
    public void KeepNear(Instant periodStart, Instant periodEnd, string periodPlace)
    {
        foreach (var (price, place) in _prices)
        {
            if ((price.Start < periodStart - InputLimits.MaxFeedDrift || price.End > periodEnd + InputLimits.MaxFeedDrift) && !IsFull)
            {
                errors.Add(new TariffError(place, Invariant(
                    $"runs from {price.Start} to {price.End}, more than {InputLimits.MaxFeedDrift.Days} days outside the document's own period {periodStart} to {periodEnd} ({periodPlace})")));
            }
        }
    }

    /// <summary>The result: the prices sorted by start, or none at all if anything was wrong, overlaps included.</summary>
    /// <param name="currency">The feed's currency; an error where it is not an ISO 4217 code.</param>
    /// <param name="currencyPlace">Where the feed names its currency, for that error; null where the format implies it.</param>
    /// <param name="demandCharges">The tariff's demand charges, where it has them.</param>
    public TariffReadResult ToResult(string? currency, string? currencyPlace = null, IReadOnlyList<DemandCharge>? demandCharges = null)
    {
        if (currencyPlace is not null && currency is not null && IsoCurrency.Expected(currency) is { } expected)
        {
            errors.Insert(0, new TariffError(currencyPlace, $"is {Printable.Quote(currency)}: {expected}"));
        }

        var ordered = _prices.OrderBy(p => p.Price.Start).ThenBy(p => p.Price.End).ToList();
        for (var i = 1; i < ordered.Count && !IsFull; i++)
        {
            var (before, beforePlace) = ordered[i - 1];
            var (price, place) = ordered[i];
            if (price.Start < before.End)
            {
                errors.Add(new TariffError(place, Invariant(
                    $"runs from {price.Start} to {price.End}, overlapping {beforePlace} ({before.Start} to {before.End}): expected each instant priced once")));
            }
        }

        return TariffReadResult.From(currency, [.. ordered.Select(p => p.Price)], errors, demandCharges);
    }

    private static string? Problem(Instant start, Instant end, double perKwh)
    {
        foreach (var instant in (ReadOnlySpan<Instant>)[start, end])
        {
            var year = instant.InUtc().Year;
            if (year is < InputLimits.MinYear or > InputLimits.MaxYear)
            {
                return Invariant($"has the instant {instant}: expected the years {InputLimits.MinYear} to {InputLimits.MaxYear}");
            }
        }

        var length = end - start;
        if (length < InputLimits.MinFeedInterval || length > InputLimits.MaxFeedInterval)
        {
            return Invariant($"runs from {start} to {end}, {Describe(length)}: expected an interval of {Describe(InputLimits.MinFeedInterval)} to {Describe(InputLimits.MaxFeedInterval)}");
        }

        if (!double.IsFinite(perKwh) || Math.Abs(perKwh) > MaxPricePerKwh)
        {
            return Invariant($"prices {perKwh} per kWh: expected -{MaxPricePerKwh} to {MaxPricePerKwh}");
        }

        return null;
    }

    private static string Describe(Duration length) =>
        length >= Duration.FromDays(2) ? Count(length.TotalDays, "day")
        : length >= Duration.FromHours(1) ? Count(length.TotalHours, "hour")
        : length >= Duration.FromMinutes(1) ? Count(length.TotalMinutes, "minute")
        : Count(length.TotalSeconds, "second");

    private static string Count(double amount, string unit) =>
        Invariant($"{Math.Round(amount, 3)} {unit}{(Math.Round(amount, 3) == 1 ? string.Empty : "s")}");

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
