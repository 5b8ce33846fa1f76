using System.Globalization;
using System.Text;
using NodaTime;

namespace Scheduler.Functions.Http;

/// <summary>
/// The operator page's chart as inline SVG: the site's planned import per slot (bars) against its limit (a step line
/// that dips under demand-response events), the recorded billing-period peak (dashed), and the price (a line on its
/// own axis). Each bar carries its numbers in <c>data-</c> attributes for the page's hover read-out.
/// </summary>
public static class PlanChart
{
    private const double Width = 960;
    private const double Height = 320;
    private const double Left = 56;
    private const double Right = 64;
    private const double Top = 16;
    private const double Bottom = 40;

    /// <summary>The chart of <paramref name="plan"/>, times shown in <paramref name="zone"/>.</summary>
    public static string Svg(SitePlanView plan, DateTimeZone zone)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var load = plan.Load;
        var svg = new StringBuilder();
        svg.Append(Invariant($"<svg id=\"plan-chart\" role=\"img\" aria-label=\"Planned site import against its limit and the price\" viewBox=\"0 0 {Width} {Height}\" width=\"100%\" xmlns=\"http://www.w3.org/2000/svg\">"));
        if (load.Count == 0)
        {
            return svg.Append("<text x=\"20\" y=\"40\">No slots planned.</text></svg>").ToString();
        }

        var maxKw = Math.Max(1, load.Max(s => Math.Max(s.Kw, s.LimitKw)) * 1.1);
        var maxPrice = Math.Max(1e-6, load.Max(s => s.PerKwh) * 1.1);
        var plotWidth = Width - Left - Right;
        var plotHeight = Height - Top - Bottom;
        var slotWidth = plotWidth / load.Count;
        double Y(double kw) => Top + plotHeight - (kw / maxKw * plotHeight);
        double PriceY(double price) => Top + plotHeight - (price / maxPrice * plotHeight);

        Axes(svg, maxKw, maxPrice, plotWidth, plotHeight);

        // Bars: the planned import of each slot.
        for (var i = 0; i < load.Count; i++)
        {
            var slot = load[i];
            svg.Append(Invariant($"<rect class=\"load\" x=\"{Left + (i * slotWidth):0.##}\" y=\"{Y(slot.Kw):0.##}\" width=\"{Math.Max(0.5, slotWidth - 0.5):0.##}\" height=\"{Top + plotHeight - Y(slot.Kw):0.##}\" fill=\"#3b82f6\" data-start=\"{PlanExplanation.At(slot.Start, zone)}\" data-kw=\"{slot.Kw:0.##}\" data-limit=\"{slot.LimitKw:0.##}\" data-price=\"{slot.PerKwh:0.#####}\"/>"));
        }

        // The limit as a step line: the connection, lower where a grid signal caps the site.
        svg.Append("<polyline class=\"limit\" fill=\"none\" stroke=\"#dc2626\" stroke-width=\"2\" points=\"");
        for (var i = 0; i < load.Count; i++)
        {
            svg.Append(Invariant($"{Left + (i * slotWidth):0.##},{Y(load[i].LimitKw):0.##} {Left + ((i + 1) * slotWidth):0.##},{Y(load[i].LimitKw):0.##} "));
        }

        svg.Append("\"/>");
        if (plan.PeakSoFarKw is { } peak and > 0)
        {
            svg.Append(Invariant($"<line class=\"peak\" x1=\"{Left}\" x2=\"{Left + plotWidth}\" y1=\"{Y(peak):0.##}\" y2=\"{Y(peak):0.##}\" stroke=\"#7c3aed\" stroke-dasharray=\"6 4\"/>"));
        }

        svg.Append("<polyline class=\"price\" fill=\"none\" stroke=\"#f59e0b\" stroke-width=\"2\" points=\"");
        for (var i = 0; i < load.Count; i++)
        {
            svg.Append(Invariant($"{Left + ((i + 0.5) * slotWidth):0.##},{PriceY(load[i].PerKwh):0.##} "));
        }

        svg.Append("\"/>");
        TimeLabels(svg, load, zone, slotWidth);
        return svg.Append("</svg>").ToString();
    }

    private static void Axes(StringBuilder svg, double maxKw, double maxPrice, double plotWidth, double plotHeight)
    {
        svg.Append(Invariant($"<line x1=\"{Left}\" y1=\"{Top + plotHeight}\" x2=\"{Left + plotWidth}\" y2=\"{Top + plotHeight}\" stroke=\"#555\"/>"));
        for (var step = 0; step <= 4; step++)
        {
            var y = Top + plotHeight - (step / 4.0 * plotHeight);
            svg.Append(Invariant($"<text x=\"{Left - 6}\" y=\"{y + 4:0.##}\" text-anchor=\"end\" font-size=\"11\">{maxKw * step / 4:0} kW</text>"));
            svg.Append(Invariant($"<text x=\"{Left + plotWidth + 6}\" y=\"{y + 4:0.##}\" font-size=\"11\" fill=\"#b45309\">{maxPrice * step / 4:0.###}</text>"));
        }
    }

    private static void TimeLabels(StringBuilder svg, IReadOnlyList<LoadSlot> load, DateTimeZone zone, double slotWidth)
    {
        // A label every two hours or so, at most twelve.
        var every = Math.Max(1, load.Count / 12);
        for (var i = 0; i < load.Count; i += every)
        {
            svg.Append(Invariant($"<text x=\"{Left + (i * slotWidth):0.##}\" y=\"{Height - 18}\" font-size=\"11\">{PlanExplanation.At(load[i].Start, zone)}</text>"));
        }
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
