using Scheduler.Optimizer.Model;

namespace Scheduler.Tests.Support;

/// <summary>
/// The hostile features the fuzz campaign promises, each as a test on a generated site: a test checks that the
/// default seeds show every one, so that a change to the generator cannot quietly stop covering a feature.
/// </summary>
public static class FuzzFeatures
{
    /// <summary>Every feature, by name.</summary>
    public static readonly IReadOnlyList<(string Name, Func<PlanningProblem, bool> Present)> All =
    [
        ("a circuit tree four deep", p => p.Site.Circuits.Any(c => FuzzSites.Depth(p.Site, c.Id) == FuzzSites.MaxDepth)),
        ("several root circuits", p => p.Site.Circuits.Count(c => c.ParentId is null) >= 2),
        .. Enum.GetValues<PhaseRotation>().Select(r => ($"a one-phase charger wired {r}", (Func<PlanningProblem, bool>)(p => p.Site.Chargers.Any(c => c.Phases == 1 && c.PhaseRotation == r)))),
        ("a charger minimum of 0 A", p => p.Site.Chargers.Any(c => c.MinCurrentA == 0)),
        ("a charger minimum of 10 A", p => p.Site.Chargers.Any(c => c.MinCurrentA == 10)),
        ("a charger whose minimum is its maximum", p => p.Site.Chargers.Any(c => c.MinCurrentA > 0 && c.MinCurrentA == c.MaxCurrentA)),
        ("a vehicle whose minimum is its maximum", p => p.Sessions.Any(s => s.MinCurrentA == s.MaxCurrentA)),
        ("a vehicle below its charger's minimum", p => p.Sessions.Any(s => s.MaxCurrentA < ChargerOf(p, s).MinCurrentA)),
        ("a session wholly outside the window", p => p.Sessions.Any(s => s.Departure <= p.Window.Start || s.Arrival >= p.Window.End)),
        ("overlapping base loads", p => Overlapping(p.Site.BaseLoad.Select(b => (b.Start, b.End)).ToList())),
        ("a negative base load", p => p.Site.BaseLoad.Any(b => b.Kw < 0)),
        ("a base load above the connection", p => p.Site.BaseLoad.Any(b => b.Kw > p.Site.GridLimitKw)),
        ("overlapping grid signals", p => Overlapping(p.GridSignals.Select(g => (g.Start, g.End)).ToList())),
        ("a grid signal of 0 kW", p => p.GridSignals.Any(g => g.MaxImportKw == 0)),
        ("a connection below one car's minimum power", p => p.Site.GridLimitKw < 230.0 * 6 * 3 / 1000),
        .. FuzzSites.SlotMinutes.Select(m => ($"{m}-minute slots", (Func<PlanningProblem, bool>)(p => p.Window.SlotLength.TotalMinutes == m))),
        .. FuzzSites.Zones.Where(z => z.ClockChanges.Length > 0).Select(z => ($"a clock change in {z.Zone}", (Func<PlanningProblem, bool>)(p => CrossesClockChange(p, z.Zone)))),
        ("several demand charges", p => p.Tariff.DemandCharges.Count >= 2),
        ("a demand charge on local hours", p => p.Tariff.DemandCharges.Any(d => d.Intervals.Count > 0)),
        ("a demand charge with a peak recorded", p => p.Tariff.DemandCharges.Any(d => d.PeakSoFarKw > 0)),
    ];

    private static Charger ChargerOf(PlanningProblem problem, Session session) => problem.Site.Chargers.Single(c => c.Id == session.ChargerId);

    private static bool Overlapping(List<(NodaTime.Instant Start, NodaTime.Instant End)> spans) =>
        spans.Any(a => spans.Any(b => a != b && a.Start < b.End && b.Start < a.End));

    private static bool CrossesClockChange(PlanningProblem problem, string zone) =>
        problem.Site.TimeZone.Id == zone
        && problem.Site.TimeZone.GetUtcOffset(problem.Window.Start) != problem.Site.TimeZone.GetUtcOffset(problem.Window.End);
}
