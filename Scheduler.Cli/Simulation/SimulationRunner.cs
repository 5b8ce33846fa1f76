using System.Diagnostics;
using NodaTime;
using Scheduler.Optimizer.Model;
using Scheduler.Optimizer.Plans;
using Scheduler.Protocols.Billing;

namespace Scheduler.Cli.Simulation;

/// <summary>
/// Replays a history with the scheduler and the three strategies it is measured against, on the same minute grid,
/// the same limits and the same vehicles.
/// </summary>
internal static class SimulationRunner
{
    /// <summary>Runs the replay.</summary>
    /// <param name="input">The site, tariff, limits and history.</param>
    /// <param name="progress">Told the share done (0 to 1) now and then; null for none.</param>
    /// <exception cref="ArgumentException">The input cannot be replayed (e.g. the tariff does not cover it).</exception>
    public static SimulationResult Run(SimulationInput input, Action<double>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(input);
        var watch = Stopwatch.StartNew();
        var grid = ReplayGrid.Build(input);

        // The scheduler's replay is most of the work, so it gets most of the progress bar.
        var scheduler = new RollingSchedulerStrategy(grid);
        var scheduled = ReplayMeter.Run(grid, scheduler, m => Report(progress, 0.8 * m / grid.Minutes));
        var uncontrolled = ReplayMeter.Run(grid, new UncontrolledStrategy(grid));
        var greedy = ReplayMeter.Run(grid, new GreedyStrategy(grid));
        Report(progress, 0.85);
        var offlineStrategy = new OfflineStrategy(grid);
        var offline = ReplayMeter.Run(grid, offlineStrategy);
        Report(progress, 1);

        // The LP bound is on the offline plan's objective (its cost plus the penalty on shortfall), and is reported
        // beside that objective, never as a bound on cost.
        var warnings = grid.Warnings.ToList();
        var bound = offlineStrategy.Plan.LowerBound;

        var strategies = new[]
        {
            Summarise(grid, scheduler.Name, scheduled, null),
            Summarise(grid, "uncontrolled", uncontrolled, null),
            Summarise(grid, "greedy", greedy, null),
            Summarise(grid, offlineStrategy.Name, offline, bound) with { PlanObjective = offlineStrategy.Plan.Objective, PlanMs = offlineStrategy.Plan.SolveMs },
        };
        return new SimulationResult(
            strategies,
            grid.Sessions.Count,
            scheduler.Replans,
            watch.ElapsedMilliseconds,
            input.Start,
            input.SlotLength,
            SlotAverage(grid, grid.PricePerKwh),
            SlotMinimum(grid, grid.HeadroomKw.Select((h, m) => h + grid.BaseLoadKw[m]).ToArray()),
            warnings);
    }

    private static StrategyResult Summarise(ReplayGrid grid, string name, ReplayMeter meter, double? lowerBound)
    {
        var import = meter.SlotImportKw();
        var peak = import.DefaultIfEmpty(0).Max();
        var requested = grid.Sessions.Sum(s => s.TargetKwh);
        var delivered = meter.DeliveredKwh.Sum();
        var served = grid.Sessions.Select((s, i) => meter.DeliveredKwh[i] >= s.TargetKwh - Math.Max(0.2, 0.01 * s.TargetKwh)).Count(x => x);
        var periods = Bill(grid, meter, import);
        var cost = periods.Sum(p => p.Total);
        return new StrategyResult(
            name,
            cost,
            grid.Input.Tariff.Currency,
            requested,
            delivered,
            delivered > 0 ? cost / delivered : 0,
            grid.Sessions.Count == 0 ? 100 : 100.0 * served / grid.Sessions.Count,
            peak,
            meter.Violations,
            import,
            lowerBound)
        {
            Periods = periods,
        };
    }

    // The utility bills each billing period (a calendar month in the site's zone) on its own: its energy, and each
    // demand charge on the period's peak over the charge's hours.
    private static IReadOnlyList<PeriodBill> Bill(ReplayGrid grid, ReplayMeter meter, double[] slotImportKw)
    {
        var input = grid.Input;
        var end = input.Start + (input.SlotLength * slotImportKw.Length);
        var bills = new List<PeriodBill>();
        foreach (var period in BillingPeriod.Within(input.Start, end, input.Site.TimeZone))
        {
            var from = Max(period.Start, input.Start);
            var to = period.End < end ? period.End : end;
            var first = (int)((from - input.Start).BclCompatibleTicks / input.SlotLength.BclCompatibleTicks);
            var count = (int)((to - from).BclCompatibleTicks / input.SlotLength.BclCompatibleTicks);
            var window = new PlanningWindow(from, from + (input.SlotLength * count), input.SlotLength);
            var charges = DemandBilling.Bill(input.Tariff.DemandCharges, window, new ArraySegment<double>(slotImportKw, first, count))
                .Where(b => b.CoveredSlots > 0)
                .ToList();
            var energyKwh = meter.SlotChargingKwh.Skip(first).Take(count).Sum();
            var energyCost = meter.SlotEnergyCost.Skip(first).Take(count).Sum();
            bills.Add(new PeriodBill(period.Id, from, window.End, energyKwh, energyCost, charges));
        }

        return bills;
    }

    private static Instant Max(Instant a, Instant b) => a > b ? a : b;

    private static double[] SlotAverage(ReplayGrid grid, double[] perMinute) =>
        [.. Enumerable.Range(0, (grid.Minutes + grid.SlotMinutes - 1) / grid.SlotMinutes)
            .Select(k => perMinute.Skip(k * grid.SlotMinutes).Take(grid.SlotMinutes).Average())];

    private static double[] SlotMinimum(ReplayGrid grid, double[] perMinute) =>
        [.. Enumerable.Range(0, (grid.Minutes + grid.SlotMinutes - 1) / grid.SlotMinutes)
            .Select(k => perMinute.Skip(k * grid.SlotMinutes).Take(grid.SlotMinutes).Min())];

    private static void Report(Action<double>? progress, double share) => progress?.Invoke(share);
}
