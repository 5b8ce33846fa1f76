using System.Globalization;
using System.Xml;
using System.Xml.Linq;
using NodaTime;
using NodaTime.Text;
using Scheduler.Optimizer.Model;
using Scheduler.Protocols.Input;

namespace Scheduler.Protocols.Tariffs;

/// <summary>
/// Reads an ENTSO-E Transparency Platform day-ahead price document (<c>Publication_MarketDocument</c>, type A44) in
/// the IEC 62325-451-3 publication document namespace, of any version (<c>…:publicationdocument:7:3</c>); elements of
/// other namespaces are not read. Prices in EUR/MWh become per kWh.
/// </summary>
/// <remarks>
/// Under curveType A03 a position whose price equals the previous one is left out; the reader repeats the previous
/// price for it, up to the end of the period. Under A01 (or no curveType) every position must be present.
/// Where the document prices the same time at several resolutions, the finest wins and the coarser prices
/// that overlap it are dropped; two prices for the same time at the same resolution must agree. The document is
/// first scanned for its depth, its elements and its points (<see cref="InputLimits"/>) before it is loaded, so
/// that neither nesting nor size costs more than the scan.
/// </remarks>
public static class EntsoeReader
{
    private static readonly OffsetDateTimePattern[] InstantPatterns =
    [
        OffsetDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd'T'HH':'mmo<Z+HH:mm>"),
        OffsetDateTimePattern.ExtendedIso,
    ];

    /// <summary>The namespace of IEC 62325-451-3 publication documents, without its version.</summary>
    private const string NamespacePrefix = "urn:iec62325.351:tc57wg16:451-3:publicationdocument:";

    // No DTDs: a price document has none, and refusing them rules out entity expansion attacks.
    private static readonly XmlReaderSettings Settings = new() { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, CloseInput = false };

    /// <summary>Reads a document from a stream of UTF-8.</summary>
    public static TariffReadResult Read(Stream xml) => TariffText.Read(xml, Read);

    /// <summary>Reads a document from its text.</summary>
    public static TariffReadResult Read(string xml)
    {
        ArgumentNullException.ThrowIfNull(xml);
        try
        {
            if (Scan(xml) is { } oversized)
            {
                return oversized;
            }

            using var reader = XmlReader.Create(new StringReader(xml), Settings);
            return Read(XDocument.Load(reader, LoadOptions.SetLineInfo));
        }
        catch (XmlException e)
        {
            return NotWellFormed(e);
        }
    }

    /// <summary>Streams through the document once, refusing it where it nests too deep or holds too many elements or points.</summary>
    private static TariffReadResult? Scan(string xml)
    {
        using var reader = XmlReader.Create(new StringReader(xml), Settings);
        var lines = (IXmlLineInfo)reader;
        var elements = 0;
        var points = 0;
        while (reader.Read())
        {
            if (reader.NodeType != XmlNodeType.Element)
            {
                continue;
            }

            var where = string.Create(CultureInfo.InvariantCulture, $"line {lines.LineNumber}, column {lines.LinePosition}");
            if (reader.Depth >= InputLimits.MaxXmlDepth)
            {
                return TariffReadResult.Failure(where, string.Create(CultureInfo.InvariantCulture,
                    $"is an element {reader.Depth + 1} deep: expected at most {InputLimits.MaxXmlDepth} (a price document nests 5 deep)"));
            }

            if (++elements > InputLimits.MaxXmlElements)
            {
                return TariffReadResult.Failure(where, string.Create(CultureInfo.InvariantCulture,
                    $"is element {elements:N0}: expected at most {InputLimits.MaxXmlElements:N0} in one document"));
            }

            if (reader.LocalName == "Point" && ++points > InputLimits.MaxIntervals)
            {
                return TariffReadResult.Failure(where, string.Create(CultureInfo.InvariantCulture,
                    $"is Point {points:N0}: expected at most {InputLimits.MaxIntervals:N0} points (a year of five-minute prices) in one document"));
            }
        }

        return null;
    }

    private static TariffReadResult NotWellFormed(XmlException e) =>
        TariffReadResult.Failure(
            e.LineNumber > 0 ? string.Create(CultureInfo.InvariantCulture, $"line {e.LineNumber}, column {e.LinePosition}") : "document",
            "is not a well-formed XML document without a DTD: " + Printable.Escape(e.Message));

    private static TariffReadResult Read(XDocument document)
    {
        var root = document.Root!;
        if (root.Name.LocalName != "Publication_MarketDocument")
        {
            // The platform answers a query without data with an acknowledgement that says why.
            var reason = root.Name.LocalName == "Acknowledgement_MarketDocument"
                && Child(root, "Reason") is { } why && Child(why, "text") is { } text
                ? $" (the platform says: {Printable.Quote(text.Value.Trim())})"
                : string.Empty;
            return TariffReadResult.Failure(Where(root), $"is <{Printable.Escape(root.Name.LocalName)}>{reason}: expected <Publication_MarketDocument>");
        }

        if (!root.Name.NamespaceName.StartsWith(NamespacePrefix, StringComparison.Ordinal))
        {
            return TariffReadResult.Failure(Where(root), $"is in the namespace {Printable.Quote(root.Name.NamespaceName)}: expected an IEC 62325-451-3 publication document ({NamespacePrefix}…)");
        }

        var errors = new List<TariffError>();
        var candidates = new List<(Duration Resolution, PriceInterval Price, string Place)>();
        string? currency = null;
        var series = Children(root, "TimeSeries").ToList();
        if (series.Count == 0)
        {
            errors.Add(new TariffError(Where(root), "has no <TimeSeries>: expected at least one"));
        }

        foreach (var timeSeries in series)
        {
            if (errors.Count >= TariffReadResult.MaxErrors)
            {
                break;
            }

            var seriesCurrency = Text(timeSeries, "currency_Unit.name", errors);
            if (seriesCurrency is not null)
            {
                if (currency is null)
                {
                    currency = seriesCurrency;
                }
                else if (currency != seriesCurrency)
                {
                    errors.Add(new TariffError(Where(Child(timeSeries, "currency_Unit.name")!), $"is {Printable.Quote(seriesCurrency)}: expected {currency}, as in the first TimeSeries"));
                }

                if (IsoCurrency.Expected(seriesCurrency) is { } expected)
                {
                    errors.Add(new TariffError(Where(Child(timeSeries, "currency_Unit.name")!), $"is {Printable.Quote(seriesCurrency)}: {expected}"));
                }
            }

            var unit = Text(timeSeries, "price_Measure_Unit.name", errors);
            if (unit is not null && unit != "MWH")
            {
                errors.Add(new TariffError(Where(Child(timeSeries, "price_Measure_Unit.name")!), $"is {Printable.Quote(unit)}: expected MWH"));
            }

            var curveElement = Child(timeSeries, "curveType");
            var curveType = curveElement?.Value.Trim() ?? "A01";
            if (curveType is not ("A01" or "A03"))
            {
                errors.Add(new TariffError(Where(curveElement!), $"is {Printable.Quote(curveType)}: expected A01 or A03"));
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

        var prices = new PriceList(errors);
        foreach (var (price, place) in PreferFinest(candidates, errors))
        {
            prices.Add(price.Start, price.End, price.PerKwh, place);
        }

        // The document says which period it covers; a price far from it is a mistake, not a price.
        if (Child(root, "period.timeInterval") is { } documentPeriod
            && ReadInstant(documentPeriod, "start", errors) is { } periodStart
            && ReadInstant(documentPeriod, "end", errors) is { } periodEnd)
        {
            prices.KeepNear(periodStart, periodEnd, Where(documentPeriod));
        }

        return prices.ToResult(currency);
    }

    private static void ReadPeriod(XElement period, bool omittedRepeat, List<(Duration, PriceInterval, string)> candidates, List<TariffError> errors)
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

        // The positions are laid out before the points are read, so their number is bounded first.
        var steps = length.BclCompatibleTicks / step.BclCompatibleTicks;
        if (candidates.Count + steps > InputLimits.MaxIntervals)
        {
            errors.Add(new TariffError(Where(interval), string.Create(CultureInfo.InvariantCulture,
                $"runs from {from} to {to}, {steps:N0} steps of {step}, which with the {candidates.Count:N0} before it are more than the {InputLimits.MaxIntervals:N0} prices (a year of five-minute prices) a document may hold")));
            return;
        }

        var count = (int)steps;
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
            if (errors.Count >= TariffReadResult.MaxErrors)
            {
                return;
            }

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

        var place = Where(period);
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
            candidates.Add((step, new PriceInterval(slotStart, slotStart + step, (double)(perMwh / 1000m)), string.Create(CultureInfo.InvariantCulture, $"{place} position {i + 1}")));
        }
    }

    /// <summary>
    /// Keeps each price for the time that no finer price covers; a coarse hour half covered by quarter-hours keeps its
    /// other half. Two prices for the same time at the same resolution (two series of one area) must agree.
    /// </summary>
    private static List<(PriceInterval Price, string Place)> PreferFinest(List<(Duration Resolution, PriceInterval Price, string Place)> candidates, List<TariffError> errors)
    {
        var kept = new List<(PriceInterval Price, string Place)>();
        foreach (var group in candidates.GroupBy(c => c.Resolution).OrderBy(g => g.Key))
        {
            var finer = kept.Select(k => k.Price).OrderBy(p => p.Start).ToList();
            var finerStarts = finer.Select(p => p.Start).ToList();
            foreach (var same in group.GroupBy(c => (c.Price.Start, c.Price.End)))
            {
                var (_, price, place) = same.First();
                if (same.Skip(1).FirstOrDefault(c => c.Price.PerKwh != price.PerKwh) is { Place: not null } other && errors.Count < TariffReadResult.MaxErrors)
                {
                    errors.Add(new TariffError(other.Place, string.Create(CultureInfo.InvariantCulture,
                        $"prices {price.Start} to {price.End} at {other.Price.PerKwh * 1000} per MWh, but {place} prices it at {price.PerKwh * 1000}: expected one price for each time")));
                }

                var overlapping = Overlapping(finer, finerStarts, price);
                if (overlapping.Count == 0)
                {
                    kept.Add((price, place));
                    continue;
                }

                foreach (var gap in TariffSlots.FindGaps(overlapping, price.Start, price.End))
                {
                    kept.Add((new PriceInterval(gap.Start, gap.End, price.PerKwh), place));
                }
            }
        }

        return kept;
    }

    /// <summary>The finer prices (sorted by start, none overlapping another) that overlap <paramref name="price"/>.</summary>
    private static List<PriceInterval> Overlapping(List<PriceInterval> finer, List<Instant> starts, PriceInterval price)
    {
        // The first finer price that could overlap starts before the price's end and ends after its start.
        var from = starts.BinarySearch(price.Start);
        from = from < 0 ? Math.Max(0, ~from - 1) : from;
        var result = new List<PriceInterval>();
        for (var i = from; i < finer.Count && finer[i].Start < price.End; i++)
        {
            if (finer[i].End > price.Start)
            {
                result.Add(finer[i]);
            }
        }

        return result;
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
            errors.Add(new TariffError(Where(Child(period, "resolution")!), $"is {Printable.Quote(text)}: expected an ISO 8601 time duration such as PT15M or PT60M"));
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

        errors.Add(new TariffError(Where(Child(parent, name)!), $"is {Printable.Quote(text)}: expected a UTC date-time such as 2024-10-07T22:00Z"));
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
            errors.Add(new TariffError(Where(Child(parent, name)!), $"is {Printable.Quote(text)}: expected a whole number"));
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
            errors.Add(new TariffError(Where(Child(parent, name)!), $"is {Printable.Quote(text)}: expected a decimal number such as -29.91"));
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

    // Only elements of the document's own namespace are read.
    private static IEnumerable<XElement> Children(XElement parent, string name) =>
        parent.Elements(parent.Name.Namespace + name);

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
