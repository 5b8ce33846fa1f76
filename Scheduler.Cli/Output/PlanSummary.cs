using System.Globalization;
using NodaTime;
using NodaTime.Text;
using Scheduler.Optimizer.Model;
using Scheduler.Optimizer.Plans;
using Scheduler.Protocols.Input;
using Spectre.Console;

namespace Scheduler.Cli.Output;

/// <summary>The summary <c>plan</c> and <c>demo</c> print: the plan's figures, then one row per session.</summary>
internal static class PlanSummary
{
    private static readonly LocalDateTimePattern LocalTime = LocalDateTimePattern.CreateWithInvariantCulture("yyyy-MM-dd HH:mm");

    /// <summary>Renders the summary of <paramref name="plan"/>.</summary>
    /// <param name="console">Where to render.</param>
    /// <param name="source">The scenario's name.</param>
    /// <param name="problem">The problem planned.</param>
    /// <param name="plan">Its plan.</param>
    public static void Render(IAnsiConsole console, string source, PlanningProblem problem, Plan plan)
    {
        console.Write(Figures(source, problem, plan));
        console.WriteLine();
        console.Write(Sessions(plan));
    }

    private static Grid Figures(string source, PlanningProblem problem, Plan plan)
    {
        var currency = plan.Currency;
        var zone = problem.Site.TimeZone;
        var window = plan.Window;
        var grid = new Grid().AddColumn(new GridColumn().NoWrap()).AddColumn();
        Row(grid, "Scenario", source);
        Row(grid, "Site", Invariant($"{problem.Site.Id}: {problem.Site.Chargers.Count} chargers, {plan.Sessions.Count} sessions, {problem.Site.TimeZone.Id}"));
        Row(grid, "Window", Invariant($"{Local(window.Start, zone)} to {Local(window.End, zone)}, {window.SlotCount} slots of {window.SlotLength.TotalMinutes:0} min"));
        Row(grid, "Status", plan.FallbackReason is { } reason ? $"{plan.Status} ({reason})" : plan.Status.ToString(), StatusStyle(plan.Status));
        Row(grid, "Cost", Money(plan.Cost, currency) + (plan.DemandCost > 0 ? $" (energy {Money(plan.EnergyCost, currency)}, demand {Money(plan.DemandCost, currency)})" : string.Empty));
        if (Math.Abs(plan.Objective - plan.Cost) >= 0.005)
        {
            Row(grid, "Objective", Money(plan.Objective, currency) + " (cost plus the penalty on shortfall)");
        }

        Row(grid, "Lower bound", plan.LowerBound is { } bound ? Money(bound, currency) : "none (the relaxation was not solved)");
        Row(grid, "Gap", plan.GapPct is { } gap ? Invariant($"{gap:0.000} %") : "n/a");
        Row(grid, "Baseline", Money(plan.Baseline.Cost, currency) + " (uncontrolled: full power on arrival)");
        Row(grid, "Savings", Savings(plan), plan.Baseline.Cost - plan.Cost >= 0 ? "green" : "yellow");
        Row(grid, "Peak", Invariant($"{plan.PeakKw:0.0} kW (baseline {plan.Baseline.PeakKw:0.0} kW)"));
        Row(grid, "Energy", Invariant($"{plan.DeliveredKwh:0.0} of {plan.RequestedKwh:0.0} kWh delivered, {plan.ShortfallKwh:0.0} kWh short"), plan.ShortfallKwh > 0.0005 ? "yellow" : null);
        Row(grid, "Solve time", Invariant($"{plan.SolveMs} ms"));
        return grid;
    }

    private static Table Sessions(Plan plan)
    {
        var table = new Table()
            .Border(TableBorder.Rounded)
            .AddColumn("Session")
            .AddColumn("Charger")
            .AddColumn(new TableColumn("Ph").RightAligned())
            .AddColumn(new TableColumn("Asked kWh").RightAligned())
            .AddColumn(new TableColumn("Delivered kWh").RightAligned())
            .AddColumn(new TableColumn("Short kWh").RightAligned());
        foreach (var session in plan.Sessions)
        {
            var shortStyle = session.ShortfallKwh > 0.0005 ? new Style(Color.Yellow) : Style.Plain;
            table.AddRow(
                new Text(Printable.Escape(session.SessionId)),
                new Text(Printable.Escape(session.ChargerId)),
                new Text(Invariant($"{session.Phases}")),
                new Text(Invariant($"{session.RequestedKwh:0.0}")),
                new Text(Invariant($"{session.DeliveredKwh:0.0}")),
                new Text(Invariant($"{session.ShortfallKwh:0.0}"), shortStyle));
        }

        return table;
    }

    private static string Savings(Plan plan)
    {
        var amount = plan.Baseline.Cost - plan.Cost;
        var text = Money(amount, plan.Currency);
        return Math.Abs(plan.Baseline.Cost) > 1e-9
            ? text + Invariant($" ({100 * amount / Math.Abs(plan.Baseline.Cost):0.0} % of the baseline)")
            : text;
    }

    // Ids and paths come from the input: a control character in one must not reach the terminal raw.
    private static void Row(Grid grid, string label, string value, string? style = null)
    {
        grid.AddRow(
            new Text(label, new Style(decoration: Decoration.Bold)),
            new Text(Printable.Escape(value), style is null ? Style.Plain : Style.Parse(style)));
    }

    private static string Local(Instant instant, DateTimeZone zone) => LocalTime.Format(instant.InZone(zone).LocalDateTime);

    private static string Money(double amount, string currency) => Invariant($"{amount:0.00} {currency}");

    private static string? StatusStyle(PlanStatus status) => status switch
    {
        PlanStatus.Optimal => "green",
        PlanStatus.Feasible => null,
        _ => "yellow",
    };

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
