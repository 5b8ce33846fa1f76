using NodaTime;
using Scheduler.Optimizer.Model;
using Scheduler.Optimizer.Solving;
using Scheduler.Protocols.Sessions;

namespace Scheduler.Cli.Simulation;

/// <summary>
/// The scheduler as the Functions app runs it, without knowledge of the future: it re-plans at every slot boundary
/// and at every arrival, seeing only the vehicles plugged in, what their drivers announced (or the defaults), and the
/// energy each has taken so far; the vehicles then behave as they did in history.
/// </summary>
internal sealed class RollingSchedulerStrategy : IReplayStrategy
{
    /// <summary>How far ahead a vehicle still plugged in after its announced departure is planned.</summary>
    public static readonly Duration OverstayExtension = Duration.FromHours(1);

    private readonly ReplayGrid _grid;
    private readonly HashSet<int> _arrivalMinutes;
    private readonly Dictionary<string, int> _sessionIndex;
    private readonly Instant _pricedUntil;
    private PlanCurrents? _plan;

    public RollingSchedulerStrategy(ReplayGrid grid)
    {
        _grid = grid;
        _arrivalMinutes = [.. grid.Sessions.Where(s => s.Charger >= 0).Select(s => s.ArrivalMinute)];
        _sessionIndex = grid.Sessions.Select((s, i) => (s.History.Id, i)).ToDictionary(x => x.Id, x => x.i, StringComparer.Ordinal);
        _pricedUntil = grid.Input.Tariff.Prices.Max(p => p.End);
    }

    public string Name => "scheduler";

    public bool ClippedBySite => false;

    /// <summary>How many plans were made.</summary>
    public int Replans { get; private set; }

    public void BeginMinute(int minute, ReplayMeter meter)
    {
        if (minute % _grid.SlotMinutes == 0 || _arrivalMinutes.Contains(minute))
        {
            Replan(minute, meter);
        }
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
            if (!replay.IsPresent(minute))
            {
                continue;
            }

            var announced = replay.AnnouncementAt(now);
            var departure = announced?.Departure
                ?? DefaultDeparture.For(replay.History.Arrival, input.Site.TimeZone, input.DefaultDeparture, input.DefaultDepartureOnWorkingDays);
            if (departure < now + slot)
            {
                // The announced time has passed and the car is still here: keep planning it an hour ahead.
                departure = now + OverstayExtension;
            }

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
        var problem = new PlanningProblem(input.Site, new Tariff(input.Tariff.Currency, prices, input.Tariff.DemandChargePerKw), signals, clipped, new PlanningWindow(start, end, slot));
        var plan = ChargingSolver.Solve(problem, new SolverOptions { TimeLimit = input.SolverTimeLimit, ExactStageMaxPairs = 0 });
        _plan = new PlanCurrents(_grid, plan, _sessionIndex);
        Replans++;
    }



    private static Instant Min(Instant a, Instant b) => a < b ? a : b;
}
