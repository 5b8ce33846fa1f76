using NodaTime;
using NodaTime.Text;
using Scheduler.Functions.Sites;
using Scheduler.Functions.Tariffs;
using Scheduler.Optimizer.Model;
using Scheduler.Protocols.Tariffs;

namespace Scheduler.Functions.Planning;

/// <summary>
/// Prices a planning window, degrading on purpose when the feed fails: the feed's prices while its last success is
/// less than <see cref="LastKnownLifetime"/> old, then the site's TOU tariff, then (without TOU) the stale feed,
/// and where nothing covers the window's tail the window is cut there; with no price at all, a flat zero price lets
/// the plan charge as soon as the limits allow.
/// </summary>
public sealed class PriceAssembler
{
    /// <summary>How long the last known prices of a failing feed are trusted.</summary>
    public static readonly Duration LastKnownLifetime = Duration.FromHours(24);

    private readonly TariffStore _tariffs;

    /// <summary>Creates the assembler.</summary>
    public PriceAssembler(TariffStore tariffs) => _tariffs = tariffs;

    /// <summary>Prices [<paramref name="start"/>, <paramref name="end"/>) for a site at <paramref name="now"/>.</summary>
    public async Task<WindowPrices> PriceAsync(SiteRecord site, DateTimeZone zone, Instant start, Instant end, Instant now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(site);
        var warnings = new List<string>();
        var settings = site.Settings;
        var layers = new List<(string Fallback, IReadOnlyList<StoredPrice> Prices)>();
        var feedFresh = false;
        IReadOnlyList<StoredPrice> feedPrices = [];
        if (settings.TariffFeed is { } feed)
        {
            var status = await _tariffs.ReadStatusAsync(site.Id, cancellationToken).ConfigureAwait(false);
            feedFresh = status?.LastSuccessAt is { } success && success >= now - LastKnownLifetime;
            var failing = status?.LastError is not null;
            feedPrices = [.. (await _tariffs.ReadPricesAsync(site.Id, start, end, cancellationToken).ConfigureAwait(false))
                .Where(p => SameCurrency(p.Currency, settings.Currency, warnings))];
            if (feedFresh)
            {
                layers.Add((failing ? "last-known" : "none", feedPrices));
            }
        }

        if (settings.TouTariff is { } tou)
        {
            // TOU is a fallback only for a site that has a feed; otherwise it is the site's tariff.
            layers.Add((settings.TariffFeed is null ? "none" : "tou", TouPrices(tou.GetRawText(), zone, start, end, settings.Currency, warnings)));
        }

        if (!feedFresh && feedPrices.Count > 0)
        {
            layers.Add(("stale", feedPrices));
        }

        return Cover(layers, start, end, warnings);
    }

    // Walks the window from its start and takes, at each instant, the first layer that has a price for it.
    private static WindowPrices Cover(List<(string Fallback, IReadOnlyList<StoredPrice> Prices)> layers, Instant start, Instant end, List<string> warnings)
    {
        var prices = new List<PriceInterval>();
        var sources = new List<PriceSource>();
        var worst = 0;
        var at = start;
        while (at < end)
        {
            var found = false;
            for (var rank = 0; rank < layers.Count && !found; rank++)
            {
                var price = layers[rank].Prices.FirstOrDefault(p => p.Interval.Start <= at && p.Interval.End > at);
                if (price is null)
                {
                    continue;
                }

                var to = Min(price.Interval.End, end);
                // A lower layer only fills up to where a higher layer starts again.
                for (var higher = 0; higher < rank; higher++)
                {
                    var next = layers[higher].Prices.Where(p => p.Interval.Start > at).Select(p => (Instant?)p.Interval.Start).Min();
                    if (next is { } resume && resume < to)
                    {
                        to = resume;
                    }
                }

                prices.Add(new PriceInterval(at, to, price.Interval.PerKwh));
                AddSource(sources, price.Source, at, to, price.Source == "tou" ? null : price.FetchedAt);
                worst = Math.Max(worst, Severity(layers[rank].Fallback));
                at = to;
                found = true;
            }

            if (!found)
            {
                break;
            }
        }

        if (at == start)
        {
            warnings.Add("no prices for the window: planned on a flat price of 0, charging as soon as the limits allow");
            return new WindowPrices([new PriceInterval(start, end, 0)], end, [new PriceSource("flat", Format(start), Format(end), null)], "flat", warnings);
        }

        if (at < end)
        {
            warnings.Add($"no prices after {Format(at)}: the window ends there until prices arrive");
            worst = Math.Max(worst, Severity("provisional"));
        }

        return new WindowPrices(prices, at, sources, Fallbacks[worst], warnings);
    }

    private static readonly string[] Fallbacks = ["none", "last-known", "tou", "stale", "provisional"];

    private static int Severity(string fallback) => Array.IndexOf(Fallbacks, fallback);

    private static void AddSource(List<PriceSource> sources, string source, Instant from, Instant to, Instant? fetchedAt)
    {
        var fetched = fetchedAt is { } f ? Format(f) : null;
        if (sources.Count > 0 && sources[^1].Source == source && sources[^1].To == Format(from) && sources[^1].FetchedAt == fetched)
        {
            sources[^1] = sources[^1] with { To = Format(to) };
            return;
        }

        sources.Add(new PriceSource(source, Format(from), Format(to), fetched));
    }

    private static IReadOnlyList<StoredPrice> TouPrices(string touJson, DateTimeZone zone, Instant start, Instant end, string currency, List<string> warnings)
    {
        // A day either side, so that every local hour of the window is covered whatever the offset.
        var dates = new DateInterval(start.InZone(zone).Date.PlusDays(-1), end.InZone(zone).Date.PlusDays(1));
        var result = TariffImporter.Read(touJson, TariffFormat.Tou, new TariffImportOptions { Zone = zone, Dates = dates, TouCurrency = currency });
        if (!result.IsValid)
        {
            warnings.Add("the site's TOU tariff could not be read: " + string.Join("; ", result.Errors.Take(3).Select(e => e.ToString())));
            return [];
        }

        return [.. result.Prices.Select(p => new StoredPrice(p, currency, "tou", start))];
    }

    private static bool SameCurrency(string found, string expected, List<string> warnings)
    {
        if (string.Equals(found, expected, StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        var warning = $"the feed's prices are in {found}, the site's in {expected}: feed prices ignored";
        if (!warnings.Contains(warning))
        {
            warnings.Add(warning);
        }

        return false;
    }

    private static Instant Min(Instant a, Instant b) => a < b ? a : b;

    private static string Format(Instant instant) => InstantPattern.ExtendedIso.Format(instant);
}
