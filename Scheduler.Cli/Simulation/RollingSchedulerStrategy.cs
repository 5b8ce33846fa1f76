using NodaTime;
using Scheduler.Optimizer.Model;
using Scheduler.Optimizer.Solving;
using Scheduler.Protocols.Billing;
using Scheduler.Protocols.Sessions;

namespace Scheduler.Cli.Simulation;

/// <summary>
/// The scheduler as the Functions app runs it, without knowledge of the future: it re-plans at every slot boundary
/// and at every arrival, seeing only the vehicles plugged in, what their drivers announced (or the defaults), and the
/// energy each has taken so far; the vehicles then behave as they did in history.
/// </summary>
internal sealed class RollingSchedulerStrategy : IReplayStrategy
{
    private readonly ReplayGrid _grid;
    private readonly HashSet<int> _arrivalMinutes;
    private readonly Instant _pricedUntil;
    private readonly HashSet<int> _full = [];
    private double[] _deliveredBefore = [];
    private PlanCurrents? _plan;
    private RecordedPeaks _peaks = RecordedPeaks.None;

    public RollingSchedulerStrategy(ReplayGrid grid)
    {
        _grid = grid;
        _arrivalMinutes = [.. grid.Sessions.Where(s => s.Charger >= 0).Select(s => s.ArrivalMinute)];
        _pricedUntil = grid.Input.Tariff.Prices.Max(p => p.End);
    }

    public string Name => "scheduler";

    public bool ClippedBySite => false;

    /// <summary>How many plans were made.</summary>
    public int Replans { get; private set; }

    public void BeginMinute(int minute, ReplayMeter meter)
    {
        // A vehicle that stops drawing is reported by the CSMS (an event, as a session event reaches the app), so it re-plans at once.
        var newlyFull = ObserveFullBatteries(minute, meter);
        RecordPeak(minute, meter);
        if (newlyFull || minute % _grid.SlotMinutes == 0 || _arrivalMinutes.Contains(minute))
        {
            Replan(minute, meter);
        }
    }

    // What a CSMS's meter values show: a vehicle allowed to draw in the last minute that drew nothing has a full
    // battery (it stops at its own limit), so the planner stops reserving capacity for it and gives it to others.
    private bool ObserveFullBatteries(int minute, ReplayMeter meter)
    {
        var found = false;
        if (_deliveredBefore.Length == 0)
        {
            _deliveredBefore = new double[meter.DeliveredKwh.Length];
        }

        if (minute > 0 && _plan is not null)
        {
            for (var s = 0; s < _grid.Sessions.Count; s++)
            {
                if (_grid.Sessions[s].IsPresent(minute) && _plan.CurrentA(s, minute - 1) > 0 && meter.DeliveredKwh[s] - _deliveredBefore[s] < 1e-9)
                {
                    found |= _full.Add(s);
                }
            }
        }

        Array.Copy(meter.DeliveredKwh, _deliveredBefore, _deliveredBefore.Length);
        return found;
    }

    // The site's meter has closed a slot: each demand charge that covers it keeps its highest import of the billing period.
    private void RecordPeak(int minute, ReplayMeter meter)
    {
        if (minute == 0 || minute % _grid.SlotMinutes != 0)
        {
            return;
        }

        var slot = (minute / _grid.SlotMinutes) - 1;
        var start = _grid.At(slot * _grid.SlotMinutes);
        _peaks = _peaks.Record(_grid.Input.Tariff.DemandCharges, start, start + _grid.Input.SlotLength, meter.SlotImportKw(slot));
    }

    public double DesiredCurrentA(int session, int minute) => _plan?.CurrentA(session, minute) ?? 0;

    private void Replan(int minute, ReplayMeter meter)
    {
        var input = _grid.Input;
        var now = _grid.At(minute);
        var slot = input.SlotLength;
        var sessions = new List<Session>();
        for (var s = 0; s < _grid.Sessions.Count; s++)
        {
            var replay = _grid.Sessions[s];
            if (!replay.IsPresent(minute) || _full.Contains(s))
            {
                continue;
            }

            var announced = replay.AnnouncementAt(now);
            var announcedDeparture = announced?.Departure
                ?? DefaultDeparture.For(replay.History.Arrival, input.Site.TimeZone, input.DefaultDeparture, input.DefaultDepartureOnWorkingDays);
            var departure = DepartureHedge.PlannedDeparture(replay.History.Arrival, announcedDeparture, now, slot, input.DepartureMargin);

            var energy = Math.Max(0, (announced?.EnergyKwh ?? input.DefaultEnergyKwh) - meter.DeliveredKwh[s]);
            var charger = input.Site.Chargers[replay.Charger];
            var arrival = replay.History.Arrival > now ? replay.History.Arrival : now;
            sessions.Add(new Session(replay.History.Id, charger.Id, arrival, departure, energy, charger.MaxCurrentA, charger.Phases));
        }

        if (sessions.Count == 0)
        {
            _plan = null;
            return;
        }

        var start = SlotGrid.Floor(now, slot);
        var end = SlotGrid.Ceiling(sessions.Max(s => s.Departure), slot);
        var limit = SlotGrid.Floor(Min(now + input.MaxHorizon, _pricedUntil), slot);
        end = Min(end, limit);
        if (end <= start)
        {
            _plan = null;
            return;
        }

        var clipped = sessions
            .Select(s => s.Departure > end ? new Session(s.Id, s.ChargerId, s.Arrival, end, s.EnergyKwh, s.MaxCurrentA, s.Phases) : s)
            .Where(s => s.Departure > s.Arrival)
            .ToList();
        var prices = input.Tariff.Prices.Where(p => p.End > start && p.Start < end).ToList();
        var signals = input.GridSignals.Where(g => g.End > start && g.Start < end).ToList();
        var problem = new PlanningProblem(input.Site, new Tariff(input.Tariff.Currency, prices, _peaks.Apply(input.Tariff.DemandCharges)), signals, clipped, new PlanningWindow(start, end, slot));
        var plan = ChargingSolver.Solve(problem, new SolverOptions { TimeLimit = input.SolverTimeLimit, ExactStageMaxPairs = 0 });
        _plan = new PlanCurrents(_grid, plan);
        Replans++;
    }



    private static Instant Min(Instant a, Instant b) => a < b ? a : b;
}
