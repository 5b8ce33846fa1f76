using Scheduler.Optimizer.Model;
using Scheduler.Optimizer.Plans;
using Scheduler.Optimizer.Solving;
using Scheduler.Protocols.Billing;
using Scheduler.Protocols.Planning;

namespace Scheduler.Cli.Simulation;

/// <summary>
/// The scheduler as the Functions app runs it, without knowledge of the future: it re-plans where the app is asked to,
/// at every slot boundary (its timer), at every arrival and departure (a session event), at every announcement of a
/// driver (a departure message) and when a vehicle stops drawing (meter values), through the same <see cref="PlanningProblemBuilder"/> as
/// <c>PlanSite</c>. It maps what the replay knows at that instant onto a <see cref="SiteSnapshot"/>: the vehicles
/// plugged in, what their drivers announced (or the defaults), the energy each took so far and its meter power, the
/// peaks its meter recorded in the billing period, and the habits learned from sessions that have ended.
/// </summary>
internal sealed class RollingSchedulerStrategy : IReplayStrategy
{
    private readonly ReplayGrid _grid;
    private readonly HashSet<int> _eventMinutes;
    private readonly HashSet<int> _full = [];
    private readonly ReplayPrices _prices;
    private readonly ReplayLearning _learning;
    private double[] _deliveredBefore = [];
    private double[] _powerW = [];
    private PlanCurrents? _plan;
    private RecordedPeaks _peaks = RecordedPeaks.None;

    public RollingSchedulerStrategy(ReplayGrid grid)
    {
        _grid = grid;
        _eventMinutes = EventMinutes(grid);
        _prices = new ReplayPrices(grid.Input.Tariff.Prices);
        _learning = new ReplayLearning(grid.Input);
    }

    public string Name => "scheduler";

    public bool ClippedBySite => false;

    /// <summary>How many plans were made.</summary>
    public int Replans { get; private set; }

    /// <summary>The latest problem planned, with its options (null before the first plan).</summary>
    public PlanningRequest? LastRequest { get; private set; }

    /// <summary>The plan made of <see cref="LastRequest"/> (null before the first plan, and where it had no session to plan).</summary>
    public Plan? LastPlan { get; private set; }

    public void BeginMinute(int minute, ReplayMeter meter)
    {
        // A vehicle that stops drawing is reported by the CSMS (an event, as a session event reaches the app), so it re-plans at once.
        var newlyFull = ObserveFullBatteries(minute, meter);
        RecordPeak(minute, meter);
        if (newlyFull || minute % _grid.SlotMinutes == 0 || _eventMinutes.Contains(minute))
        {
            Replan(minute, meter);
        }
    }

    // The minutes at which the app hears of a change and re-plans: a car plugging in or leaving (a session event), and a
    // driver announcing while plugged in (a departure message), seen at the first minute at or after it.
    private static HashSet<int> EventMinutes(ReplayGrid grid)
    {
        var minutes = new HashSet<int>();
        foreach (var session in grid.Sessions.Where(s => s.Charger >= 0))
        {
            minutes.Add(session.ArrivalMinute);
            minutes.Add(session.DepartureMinute);
            foreach (var said in session.History.Announcements)
            {
                var minute = (int)Math.Ceiling((said.At - grid.Input.Start).TotalMinutes);
                if (minute > session.ArrivalMinute && minute < session.DepartureMinute)
                {
                    minutes.Add(minute);
                }
            }
        }

        return minutes;
    }

    public double DesiredCurrentA(int session, int minute) => _plan?.CurrentA(session, minute) ?? 0;

    // What a CSMS's meter values show, judged by the app's own full-battery rule: a vehicle allowed a real share that
    // drew (almost) nothing in the last minute has a full battery, and the planner gives its capacity to others.
    private bool ObserveFullBatteries(int minute, ReplayMeter meter)
    {
        var found = false;
        if (_deliveredBefore.Length == 0)
        {
            _deliveredBefore = new double[meter.DeliveredKwh.Length];
            _powerW = new double[meter.DeliveredKwh.Length];
        }

        for (var s = 0; s < _powerW.Length; s++)
        {
            _powerW[s] = (meter.DeliveredKwh[s] - _deliveredBefore[s]) * 60 * 1000;
        }

        if (minute > 0 && _plan is not null)
        {
            for (var s = 0; s < _grid.Sessions.Count; s++)
            {
                if (_grid.Sessions[s].IsPresent(minute) && !_full.Contains(s) && FullBattery.IsFull(Plugged(s, minute, meter)))
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

    private void Replan(int minute, ReplayMeter meter)
    {
        var input = _grid.Input;
        var now = _grid.At(minute);
        var plugged = new List<PluggedSession>();
        for (var s = 0; s < _grid.Sessions.Count; s++)
        {
            if (_grid.Sessions[s].IsPresent(minute))
            {
                plugged.Add(Plugged(s, minute, meter));
            }
        }

        if (plugged.Count == 0)
        {
            _plan = null;
            return;
        }

        var snapshot = new SiteSnapshot
        {
            Site = input.Site,
            Currency = input.Tariff.Currency,
            Prices = _prices.Around(now, input.MaxHorizon + input.SlotLength),
            DemandCharges = input.Tariff.DemandCharges,
            GridSignals = input.GridSignals,
            Sessions = plugged,
            Defaults = input.Defaults,
            Peaks = _peaks,
            Habits = input.LearnDrivers ? _learning.At(now) : DriverHabits.None,
            Now = now,
            DrawnThisSlotKwh = meter.SlotChargingKwh[minute / _grid.SlotMinutes],
            SlotLength = input.SlotLength,
        };
        var request = PlanningProblemBuilder.Build(snapshot);
        LastRequest = request;
        LastPlan = null;
        if (request.Problem.Sessions.Count == 0)
        {
            _plan = null;
            return;
        }

        LastPlan = ChargingSolver.Solve(request.Problem, request.Options);
        _plan = new PlanCurrents(_grid, LastPlan);
        Replans++;
    }

    // What the app would know of session s at the start of a minute: its announcement, its energy so far, and its
    // meter's power over the last minute beside what the plan in force allowed it before.
    private PluggedSession Plugged(int s, int minute, ReplayMeter meter)
    {
        var replay = _grid.Sessions[s];
        var now = _grid.At(minute);
        var announced = replay.AnnouncementAt(now);
        var kwPerAmp = _grid.Electrics.KwPerAmp(replay.Charger);
        var allowedKwh = 0.0;
        var lookBack = (int)FullBattery.LookBack.TotalMinutes;
        for (var m = Math.Max(replay.ArrivalMinute, minute - lookBack); m < minute; m++)
        {
            allowedKwh += (_plan?.CurrentA(s, m) ?? 0) * kwPerAmp / 60;
        }

        return new PluggedSession
        {
            Id = replay.History.Id,
            ChargerId = _grid.Input.Site.Chargers[replay.Charger].Id,
            VehicleId = replay.History.VehicleId,
            Arrival = replay.History.Arrival,
            AnnouncedDeparture = announced?.Departure,
            AnnouncedEnergyKwh = announced?.EnergyKwh,
            DeliveredKwh = meter.DeliveredKwh[s],
            MeterPowerW = minute > replay.ArrivalMinute ? _powerW[s] : null,
            AllowedBeforeMeterKwh = allowedKwh,
            FullBefore = _full.Contains(s),
        };
    }
}
