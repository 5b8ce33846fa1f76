using NodaTime;
using ScottPlot;

namespace Scheduler.Cli.Simulation;

/// <summary>The replay as a picture: the site's import under the scheduler and uncontrolled, its limit, and the price.</summary>
internal static class SimulationChart
{
    /// <summary>Renders the chart as PNG bytes.</summary>
    public static byte[] RenderPng(SimulationResult result, DateTimeZone zone, int width = 1600, int height = 700)
    {
        ArgumentNullException.ThrowIfNull(result);
        var plot = new Plot();
        var slots = result.SlotPricePerKwh.Count;
        // Local times on the axis, as the site's operator reads them.
        var times = Enumerable.Range(0, slots)
            .Select(k => (result.Start + (result.SlotLength * k)).InZone(zone).LocalDateTime.ToDateTimeUnspecified().ToOADate())
            .ToArray();

        var scheduler = result.Strategies.First(s => s.Name == "scheduler");
        var uncontrolled = result.Strategies.First(s => s.Name == "uncontrolled");
        var uncontrolledLine = plot.Add.ScatterLine(times, uncontrolled.SlotImportKw.ToArray());
        uncontrolledLine.LegendText = "uncontrolled (kW)";
        uncontrolledLine.LineWidth = 1.5f;
        uncontrolledLine.Color = Colors.OrangeRed;
        var schedulerLine = plot.Add.ScatterLine(times, scheduler.SlotImportKw.ToArray());
        schedulerLine.LegendText = "scheduler (kW)";
        schedulerLine.LineWidth = 2;
        schedulerLine.Color = Colors.SteelBlue;
        var limit = plot.Add.ScatterLine(times, result.SlotLimitKw.ToArray());
        limit.LegendText = "import limit (kW)";
        limit.LinePattern = LinePattern.Dashed;
        limit.Color = Colors.Black;

        var price = plot.Add.ScatterLine(times, result.SlotPricePerKwh.ToArray());
        price.LegendText = $"price ({scheduler.Currency}/kWh)";
        price.Color = Colors.Gray.WithAlpha(0.8);
        price.Axes.YAxis = plot.Axes.Right;

        plot.Axes.DateTimeTicksBottom();
        plot.Axes.Left.Label.Text = "site import, kW (slot average)";
        plot.Axes.Right.Label.Text = $"price, {scheduler.Currency}/kWh";
        plot.Axes.Bottom.Label.Text = $"local time ({zone.Id})";
        plot.Title($"Scheduler {scheduler.Cost:0.00} vs uncontrolled {uncontrolled.Cost:0.00} {scheduler.Currency}; peak {scheduler.PeakKw:0.0} vs {uncontrolled.PeakKw:0.0} kW");
        plot.ShowLegend(Alignment.UpperLeft);
        return plot.GetImageBytes(width, height, ImageFormat.Png);
    }
}
