using NodaTime;
using Scheduler.Cli.Output;
using Scheduler.Optimizer.Model;
using Scheduler.Optimizer.Plans;

namespace Scheduler.Tests.Cli.Output;

public sealed class PlanSummaryTests
{
    private static readonly Instant Start = Instant.FromUtc(2026, 3, 10, 23, 0);

    [Fact]
    public void Render_TwoDemandCharges_PrintsARowForEachWithItsBill()
    {
        var plan = Plan() with
        {
            DemandCharges =
            [
                new DemandChargeBill("facility-2026-03", 25.36, 11.04, 30, 0, 0, 4),
                new DemandChargeBill("on-peak-2026-03", 29.54, 11.04, 4.5, 6.54, 193.1916, 2),
            ],
            DemandCost = 193.1916,
        };

        var lines = Render(plan);

        Assert.Contains(lines, l => l.Contains("Demand charge", StringComparison.Ordinal) && l.Contains("USD/kW", StringComparison.Ordinal) && l.Contains("Recorded kW", StringComparison.Ordinal));
        Assert.Equal(["facility-2026-03", "25.36", "11.0", "30.0", "0.0", "0.00 USD", "4"], Cells(lines, "facility-2026-03"));
        Assert.Equal(["on-peak-2026-03", "29.54", "11.0", "4.5", "6.5", "193.19 USD", "2"], Cells(lines, "on-peak-2026-03"));
    }

    [Fact]
    public void Render_NoDemandCharges_PrintsNoDemandTable()
    {
        var lines = Render(Plan());

        Assert.DoesNotContain(lines, l => l.Contains("Demand charge", StringComparison.Ordinal));
    }

    [Fact]
    public void Render_SessionWithANote_PrintsItsCodeAndMessage()
    {
        var plan = Plan();
        plan = plan with
        {
            Sessions = [plan.Sessions[0], plan.Sessions[1] with { Note = new SessionNote(SessionNote.CannotDraw, "the vehicle can draw at most 4 A, below the minimum of 6 A") }],
        };

        var lines = Render(plan);

        Assert.Contains(lines, l => l.Contains("Note", StringComparison.Ordinal) && l.Contains("Session", StringComparison.Ordinal));
        Assert.Equal(["s-2", "cp-02", "3", "5.0", "0.0", "5.0", "cannot-draw: the vehicle can draw at most 4 A, below the minimum of 6 A"], Cells(lines, "s-2"));
        Assert.Equal(["s-1", "cp-01", "3", "11.0", "11.0", "0.0", string.Empty], Cells(lines, "s-1"));
    }

    [Fact]
    public void Render_NoSessionWithANote_PrintsNoNoteColumn()
    {
        var lines = Render(Plan());

        Assert.DoesNotContain(lines, l => l.Contains("Note", StringComparison.Ordinal));
    }

    private static List<string> Render(Plan plan)
    {
        using var writer = new StringWriter();
        PlanSummary.Render(CliConsole.Create(writer), "test.json", Problem(), plan);
        return [.. writer.ToString().Split('\n')];
    }

    /// <summary>The cells of the table row that starts with <paramref name="first"/>, trimmed.</summary>
    private static string[] Cells(List<string> lines, string first)
    {
        var row = Assert.Single(lines, l => l.TrimStart('│', ' ').StartsWith(first + " ", StringComparison.Ordinal));
        return [.. row.Trim().Trim('│').Split('│').Select(c => c.Trim())];
    }

    private static PlanningProblem Problem()
    {
        var end = Start + Duration.FromHours(1);
        var site = new Site("depot-1", DateTimeZoneProviders.Tzdb["America/Los_Angeles"], 230, 150, [], [new Charger("cp-01", null, 16), new Charger("cp-02", null, 16)], []);
        Session[] sessions = [new Session("s-1", "cp-01", Start, end, 11.04, 16, 3), new Session("s-2", "cp-02", Start, end, 5, 4, 3)];
        return new PlanningProblem(site, new Tariff("USD", [new PriceInterval(Start, end, 0.1)]), [], sessions, new PlanningWindow(Start, end, Duration.FromMinutes(15)));
    }

    private static Plan Plan()
    {
        var window = Problem().Window;
        return new Plan
        {
            Status = PlanStatus.Feasible,
            Window = window,
            Currency = "USD",
            Cost = 1.104,
            EnergyCost = 1.104,
            DemandCost = 0,
            PeakKw = 11.04,
            Objective = 1.104,
            LowerBound = 1.104,
            SolveMs = 3,
            Baseline = new BaselineResult(1.104, 11.04, 11.04),
            Sessions =
            [
                new SessionPlan("s-1", "cp-01", 11.04, 11.04, 0, 3, [16, 16, 16, 16], [new ChargingPeriod(Start, window.End, 16, 11.04)]),
                new SessionPlan("s-2", "cp-02", 5, 0, 5, 3, [0, 0, 0, 0], [new ChargingPeriod(Start, window.End, 0, 0)]),
            ],
            SiteLoad = [.. Enumerable.Range(0, 4).Select(k => new SiteLoadSlot(window.SlotStart(k), window.SlotEnd(k), 11.04, 11.04, 0, 150, 0.1))],
        };
    }
}
