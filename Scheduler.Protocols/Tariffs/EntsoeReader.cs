using System.Globalization;
using System.Xml;
using System.Xml.Linq;
using NodaTime;
using NodaTime.Text;
using Scheduler.Optimizer.Model;

namespace Scheduler.Protocols.Tariffs;

/// <summary>
/// Reads an ENTSO-E Transparency Platform day-ahead price document (<c>Publication_MarketDocument</c>, type A44).
/// Elements are matched on their local name, so any namespace version reads. Prices in EUR/MWh become per kWh.
/// </summary>
/// <remarks>
/// Under curveType A03 a position whose price equals the previous one is left out; the reader repeats the previous
/// price for it, up to the end of the period. Under A01 (or no curveType) every position must be present.
/// Where the document prices the same time at several resolutions, the finest wins and the coarser prices
/// that overlap it are dropped.
/// </remarks>
public static class EntsoeReader
{
    private static readonly OffsetDateTimePattern[] InstantPatterns =
    [
        OffsetDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd'T'HH':'mmo<Z+HH:mm>"),
        OffsetDateTimePattern.ExtendedIso,
    ];

    // No DTDs: a price document has none, and refusing them rules out entity expansion attacks.
    private static readonly XmlReaderSettings Settings = new() { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, CloseInput = false };

    /// <summary>Reads a document from a stream (UTF-8 or as declared).</summary>
    public static TariffReadResult Read(Stream xml)
    {
        try
        {
            using var reader = XmlReader.Create(xml, Settings);
            return Read(XDocument.Load(reader, LoadOptions.SetLineInfo));
        }
        catch (XmlException e)
        {
            return NotWellFormed(e);
        }
    }

    /// <summary>Reads a document from its text.</summary>
    public static TariffReadResult Read(string xml)
    {
        try
        {
            using var reader = XmlReader.Create(new StringReader(xml), Settings);
            return Read(XDocument.Load(reader, LoadOptions.SetLineInfo));
        }
        catch (XmlException e)
        {
            return NotWellFormed(e);
        }
    }

    private static TariffReadResult NotWellFormed(XmlException e) =>
        TariffReadResult.Failure(
            e.LineNumber > 0 ? string.Create(CultureInfo.InvariantCulture, $"line {e.LineNumber}, column {e.LinePosition}") : "document",
            "is not a well-formed XML document without a DTD: " + e.Message);

    private static TariffReadResult Read(XDocument document)
    {
        var root = document.Root!;
        if (root.Name.LocalName != "Publication_MarketDocument")
        {
            return TariffReadResult.Failure(Where(root), $"is <{root.Name.LocalName}>: expected <Publication_MarketDocument>");
        }

        var errors = new List<TariffError>();
        var candidates = new List<(Duration Resolution, PriceInterval Price)>();
        string? currency = null;
        var series = Children(root, "TimeSeries").ToList();
        if (series.Count == 0)
        {
            errors.Add(new TariffError(Where(root), "has no <TimeSeries>: expected at least one"));
        }

        foreach (var timeSeries in series)
        {
            var seriesCurrency = Text(timeSeries, "currency_Unit.name", errors);
            if (seriesCurrency is not null)
            {
                if (currency is null)
                {
                    currency = seriesCurrency;
                }
                else if (currency != seriesCurrency)
                {
                    errors.Add(new TariffError(Where(Child(timeSeries, "currency_Unit.name")!), $"is {seriesCurrency}: expected {currency}, as in the first TimeSeries"));
                }
            }

            var unit = Text(timeSeries, "price_Measure_Unit.name", errors);
            if (unit is not null && unit != "MWH")
            {
                errors.Add(new TariffError(Where(Child(timeSeries, "price_Measure_Unit.name")!), $"is {unit}: expected MWH"));
            }

            var curveElement = Child(timeSeries, "curveType");
            var curveType = curveElement?.Value.Trim() ?? "A01";
            if (curveType is not ("A01" or "A03"))
            {
                errors.Add(new TariffError(Where(curveElement!), $"is {curveType}: expected A01 or A03"));
                continue;
            }

            var periods = Children(timeSeries, "Period").ToList();
            if (periods.Count == 0)
            {
                errors.Add(new TariffError(Where(timeSeries), "has no <Period>: expected at least one"));
            }

            foreach (var period in periods)
            {
                ReadPeriod(period, curveType == "A03", candidates, errors);
            }
        }

        if (errors.Count > 0)
        {
            return TariffReadResult.From(currency, [], errors);
        }

        return TariffReadResult.From(currency, PreferFinest(candidates), errors);
    }

    private static void ReadPeriod(XElement period, bool omittedRepeat, List<(Duration, PriceInterval)> candidates, List<TariffError> errors)
    {
        var interval = Child(period, "timeInterval");
        if (interval is null)
        {
            errors.Add(new TariffError(Where(period), "has no <timeInterval>: expected one with <start> and <end>"));
            return;
        }

        var start = ReadInstant(interval, "start", errors);
        var end = ReadInstant(interval, "end", errors);
        var resolution = ReadResolution(period, errors);
        if (start is not { } from || end is not { } to || resolution is not { } step)
        {
            return;
        }

        var length = to - from;
        if (length <= Duration.Zero || length.BclCompatibleTicks % step.BclCompatibleTicks != 0)
        {
            errors.Add(new TariffError(Where(interval), $"runs from {from} to {to}: expected a positive whole number of {step} steps"));
            return;
        }

        var count = (int)(length.BclCompatibleTicks / step.BclCompatibleTicks);
        var prices = new decimal?[count];
        var points = Children(period, "Point").ToList();
        if (points.Count == 0)
        {
            errors.Add(new TariffError(Where(period), "has no <Point>: expected at least one"));
            return;
        }

        var errorsBefore = errors.Count;
        foreach (var point in points)
        {
            var position = ReadInt(point, "position", errors);
            var amount = ReadDecimal(point, "price.amount", errors);
            if (position is not { } p || amount is not { } a)
            {
                continue;
            }

            if (p < 1 || p > count)
            {
                errors.Add(new TariffError(Where(Child(point, "position")!), string.Create(CultureInfo.InvariantCulture, $"is {p}: expected 1 to {count} for this period")));
            }
            else if (prices[p - 1] is not null)
            {
                errors.Add(new TariffError(Where(Child(point, "position")!), string.Create(CultureInfo.InvariantCulture, $"is {p} again: expected each position once")));
            }
            else
            {
                prices[p - 1] = a;
            }
        }

        if (errors.Count > errorsBefore)
        {
            return;
        }

        decimal? previous = null;
        for (var i = 0; i < count; i++)
        {
            // A03 leaves out a position whose price equals the one before it.
            var price = prices[i] ?? (omittedRepeat ? previous : null);
            if (price is not { } perMwh)
            {
                errors.Add(new TariffError(Where(period), string.Create(CultureInfo.InvariantCulture,
                    $"has no price for position {i + 1}: expected a <Point>{(omittedRepeat ? " at position 1" : " for every position under curveType A01")}")));
                return;
            }

            previous = perMwh;
            var slotStart = from + (step * i);
            candidates.Add((step, new PriceInterval(slotStart, slotStart + step, (double)(perMwh / 1000m))));
        }
    }

    /// <summary>Keeps each price for the time that no finer price covers; a coarse hour half covered by quarter-hours keeps its other half.</summary>
    private static List<PriceInterval> PreferFinest(List<(Duration Resolution, PriceInterval Price)> candidates)
    {
        var kept = new List<PriceInterval>();
        foreach (var group in candidates.GroupBy(c => c.Resolution).OrderBy(g => g.Key))
        {
            var finer = kept.ToList();
            foreach (var (_, price) in group)
            {
                var overlapping = finer.Where(f => f.Start < price.End && f.End > price.Start).ToList();
                if (overlapping.Count == 0)
                {
                    kept.Add(price);
                    continue;
                }

                foreach (var gap in TariffSlots.FindGaps(overlapping, price.Start, price.End))
                {
                    kept.Add(new PriceInterval(gap.Start, gap.End, price.PerKwh));
                }
            }
        }

        // Two series pricing the same time at the same resolution: the first in the document wins.
        return kept.GroupBy(p => (p.Start, p.End)).Select(g => g.First()).ToList();
    }

    private static Duration? ReadResolution(XElement period, List<TariffError> errors)
    {
        var text = Text(period, "resolution", errors);
        if (text is null)
        {
            return null;
        }

        var parsed = PeriodPattern.NormalizingIso.Parse(text);
        if (!parsed.Success || parsed.Value.HasDateComponent || parsed.Value.ToDuration() <= Duration.Zero)
        {
            errors.Add(new TariffError(Where(Child(period, "resolution")!), $"is {text}: expected an ISO 8601 time duration such as PT15M or PT60M"));
            return null;
        }

        return parsed.Value.ToDuration();
    }

    private static Instant? ReadInstant(XElement parent, string name, List<TariffError> errors)
    {
        var text = Text(parent, name, errors);
        if (text is null)
        {
            return null;
        }

        foreach (var pattern in InstantPatterns)
        {
            var parsed = pattern.Parse(text);
            if (parsed.Success)
            {
                return parsed.Value.ToInstant();
            }
        }

        errors.Add(new TariffError(Where(Child(parent, name)!), $"is {text}: expected a UTC date-time such as 2024-10-07T22:00Z"));
        return null;
    }

    private static int? ReadInt(XElement parent, string name, List<TariffError> errors)
    {
        var text = Text(parent, name, errors);
        if (text is null)
        {
            return null;
        }

        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
        {
            errors.Add(new TariffError(Where(Child(parent, name)!), $"is {text}: expected a whole number"));
            return null;
        }

        return value;
    }

    private static decimal? ReadDecimal(XElement parent, string name, List<TariffError> errors)
    {
        var text = Text(parent, name, errors);
        if (text is null)
        {
            return null;
        }

        if (!decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
        {
            errors.Add(new TariffError(Where(Child(parent, name)!), $"is {text}: expected a decimal number such as -29.91"));
            return null;
        }

        return value;
    }

    private static string? Text(XElement parent, string name, List<TariffError> errors)
    {
        var child = Child(parent, name);
        if (child is null)
        {
            errors.Add(new TariffError(Where(parent), $"has no <{name}>: expected one"));
            return null;
        }

        return child.Value.Trim();
    }

    private static XElement? Child(XElement parent, string name) => Children(parent, name).FirstOrDefault();

    private static IEnumerable<XElement> Children(XElement parent, string name) =>
        parent.Elements().Where(e => e.Name.LocalName == name);

    /// <summary>The element's line and its path from the root, e.g. <c>line 33 /Publication_MarketDocument/TimeSeries[1]/Period[2]/Point[4]/price.amount</c>.</summary>
    private static string Where(XElement element)
    {
        var steps = new List<string>();
        for (var e = element; e is not null; e = e.Parent)
        {
            var name = e.Name.LocalName;
            if (e.Parent is null)
            {
                steps.Add(name);
            }
            else
            {
                var index = e.ElementsBeforeSelf().Count(s => s.Name.LocalName == name) + 1;
                var many = e.Parent.Elements().Count(s => s.Name.LocalName == name) > 1;
                steps.Add(many ? string.Create(CultureInfo.InvariantCulture, $"{name}[{index}]") : name);
            }
        }

        steps.Reverse();
        var line = ((IXmlLineInfo)element).HasLineInfo() ? ((IXmlLineInfo)element).LineNumber : 0;
        return string.Create(CultureInfo.InvariantCulture, $"line {line} /{string.Join('/', steps)}");
    }
}
