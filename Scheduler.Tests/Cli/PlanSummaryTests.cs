using NodaTime;
using Scheduler.Cli.Output;
using Scheduler.Optimizer.Model;
using Scheduler.Optimizer.Solving;

namespace Scheduler.Tests.Cli;

public sealed class PlanSummaryTests
{
    [Fact]
    public void Render_IdsWithControlCharacters_ShowsThemEscapedNeverRaw()
    {
        // The scenario reader refuses such ids; a problem built in code can still hold them, and the terminal must not act on them.
        var start = Instant.FromUtc(2026, 3, 10, 0, 0);
        var zone = DateTimeZoneProviders.Tzdb["Europe/Amsterdam"];
        var site = new Site("site\u0007", zone, 230, 50, [], [new Charger("cp\u001b[31m", null, 16)], []);
        var tariff = new Tariff("EUR", [new PriceInterval(start, start + Duration.FromHours(1), 0.2)]);
        var session = new Session("s\u0000", "cp\u001b[31m", start, start + Duration.FromHours(1), 2, 16, 3);
        var problem = new PlanningProblem(site, tariff, [], [session], new PlanningWindow(start, start + Duration.FromHours(1), Duration.FromMinutes(15)));
        using var output = new StringWriter();

        PlanSummary.Render(CliConsole.Create(output), "scenario\u001b]0;title\u0007.json", problem, ChargingSolver.Solve(problem));

        var text = output.ToString();
        Assert.DoesNotContain(text, c => char.IsControl(c) && c is not '\n' and not '\r');
        Assert.Contains("cp\\u001B[31m", text, StringComparison.Ordinal);
        Assert.Contains("s\\u0000", text, StringComparison.Ordinal);
        Assert.Contains("site\\u0007", text, StringComparison.Ordinal);
        Assert.Contains("scenario\\u001B]0;title\\u0007.json", text, StringComparison.Ordinal);
    }
}
