using System.Globalization;
using NodaTime;
using NodaTime.Text;
using Scheduler.Optimizer.Model;
using Scheduler.Optimizer.Plans;
using Scheduler.Protocols.Input;
using Spectre.Console;

namespace Scheduler.Cli.Output;

/// <summary>The summary <c>plan</c> and <c>demo</c> print: the plan's figures, what each demand charge bills, then one row per session.</summary>
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
        if (plan.DemandCharges.Count > 0)
        {
            console.Write(DemandCharges(plan));
            console.WriteLine();
        }

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
        // The bound is on the objective (cost plus the shortfall penalty), so the gap is shown beside that, never the cost.
        Row(grid, "Objective", Money(plan.Objective, currency) + " (cost plus the penalty on shortfall)");
        Row(grid, "Lower bound", plan.LowerBound is { } bound ? Money(bound, currency) + " (on the objective: no plan's objective is lower)" : "none (the relaxation was not solved)");
        Row(grid, "Gap", plan.GapPct is { } gap ? Invariant($"{gap:0.000} % of the objective above the bound") : "n/a");
        Row(grid, "Baseline", Money(plan.Baseline.Cost, currency) + " (uncontrolled: full power on arrival)");
        Row(grid, "Savings", Savings(plan), plan.Baseline.Cost - plan.Cost >= 0 ? "green" : "yellow");
        Row(grid, "Peak", Invariant($"{plan.PeakKw:0.0} kW (baseline {plan.Baseline.PeakKw:0.0} kW)"));
        Row(grid, "Energy", Invariant($"{plan.DeliveredKwh:0.0} of {plan.RequestedKwh:0.0} kWh delivered, {plan.ShortfallKwh:0.0} kWh short"), plan.ShortfallKwh > 0.0005 ? "yellow" : null);
        Row(grid, "Solve time", Invariant($"{plan.SolveMs} ms"));
        return grid;
    }

    /// <summary>One row per charge, in the tariff's order: its price, the peak over its slots, what was recorded before, and what it bills.</summary>
    private static Table DemandCharges(Plan plan)
    {
        var table = new Table()
            .Border(TableBorder.Rounded)
            .AddColumn("Demand charge")
            .AddColumn(new TableColumn($"{plan.Currency}/kW").RightAligned())
            .AddColumn(new TableColumn("Peak kW").RightAligned())
            .AddColumn(new TableColumn("Recorded kW").RightAligned())
            .AddColumn(new TableColumn("Billed kW").RightAligned())
            .AddColumn(new TableColumn("Amount").RightAligned())
            .AddColumn(new TableColumn("Slots").RightAligned());
        foreach (var bill in plan.DemandCharges)
        {
            table.AddRow(
                new Text(bill.ChargeId),
                new Text(Invariant($"{bill.PerKw:0.00}")),
                new Text(Invariant($"{bill.PeakKw:0.0}")),
                new Text(Invariant($"{bill.PeakSoFarKw:0.0}")),
                new Text(Invariant($"{bill.BilledKw:0.0}")),
                new Text(Money(bill.Amount, plan.Currency)),
                new Text(Invariant($"{bill.CoveredSlots}")));
        }

        return table;
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

        // A note says why a session is planned at 0; the column is there only when some session has one.
        var withNotes = plan.Sessions.Any(s => s.Note is not null);
        if (withNotes)
        {
            table.AddColumn("Note");
        }

        foreach (var session in plan.Sessions)
        {
            var shortStyle = session.ShortfallKwh > 0.0005 ? new Style(Color.Yellow) : Style.Plain;
            List<Text> cells =
            [
                new Text(Printable.Escape(session.SessionId)),
                new Text(Printable.Escape(session.ChargerId)),
                new Text(Invariant($"{session.Phases}")),
                new Text(Invariant($"{session.RequestedKwh:0.0}")),
                new Text(Invariant($"{session.DeliveredKwh:0.0}")),
                new Text(Invariant($"{session.ShortfallKwh:0.0}"), shortStyle),
            ];
            if (withNotes)
            {
                cells.Add(new Text(session.Note is { } note ? $"{note.Code}: {note.Message}" : string.Empty, new Style(Color.Yellow)));
            }

            table.AddRow(cells);
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
