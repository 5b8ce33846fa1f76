using Scheduler.Cli.Simulation;
using Scheduler.Functions.Departures;
using Scheduler.Functions.Sessions;
using Scheduler.Protocols.Messages;

namespace Scheduler.Tests.Functions.Planning;

/// <summary>
/// A replayed day told to the app as it would hear it: a session started at its arrival, its driver's announcements as
/// they were made, a meter value (register and power) at every re-plan, and a stop with the final register.
/// </summary>
internal sealed class DayEvents
{
    private readonly AppHarness _app;
    private readonly ReplayGrid _grid;
    private readonly ReplayMeter _meter;
    private readonly HashSet<int> _started = [];
    private readonly HashSet<int> _stopped = [];
    private readonly HashSet<(int Session, int Announcement)> _said = [];

    public DayEvents(AppHarness app, ReplayGrid grid, ReplayMeter meter)
    {
        _app = app;
        _grid = grid;
        _meter = meter;
    }

    /// <summary>Sends what happened up to the step's minute: what the replay's scheduler knew when it planned.</summary>
    public async Task SendUpToAsync(ReplayStep step)
    {
        var sessions = _app.Get<SessionStore>();
        var siteId = _grid.Input.Site.Id;
        var now = _grid.At(step.Minute);
        for (var s = 0; s < _grid.Sessions.Count; s++)
        {
            var session = _grid.Sessions[s];
            var history = session.History;
            var charger = _grid.Input.Site.Chargers[session.Charger].Id;
            var transaction = history.Id[(history.Id.IndexOf(':', StringComparison.Ordinal) + 1)..];
            if (session.ArrivalMinute > step.Minute || _stopped.Contains(s))
            {
                continue;
            }

            if (_started.Add(s))
            {
                await sessions.ApplyAsync(new SessionEventMessage($"start-{s}", siteId, SessionEventKind.Started, charger, transaction, history.Arrival, 0, vehicleId: history.VehicleId));
            }

            await AnnounceAsync(s, now);
            if (session.DepartureMinute <= step.Minute)
            {
                // Nothing is drawn after the departure: the register at the end of the replay is the one at the stop.
                _stopped.Add(s);
                await sessions.ApplyAsync(new SessionEventMessage($"stop-{s}", siteId, SessionEventKind.Stopped, charger, transaction, _grid.At(session.DepartureMinute), _meter.DeliveredKwh[s] * 1000));
            }
            else if (step.Minute > session.ArrivalMinute)
            {
                await sessions.ApplyAsync(new SessionEventMessage($"meter-{s}-{step.Minute}", siteId, SessionEventKind.MeterValues, charger, transaction, now, step.DeliveredKwh[s] * 1000, powerW: step.PowerW[s]));
            }
        }
    }

    // The driver's announcements made by now, each once.
    private async Task AnnounceAsync(int s, NodaTime.Instant now)
    {
        var history = _grid.Sessions[s].History;
        for (var a = 0; a < history.Announcements.Count; a++)
        {
            var said = history.Announcements[a];
            if (said.At <= now && said.Departure is { } departure && said.EnergyKwh is > 0 && _said.Add((s, a)))
            {
                var message = new DepartureMessage($"said-{s}-{a}", _grid.Input.Site.Id, history.Id, null, departure, said.EnergyKwh.Value, said.At);
                await _app.Get<DepartureStore>().SetAsync(message, said.At);
            }
        }
    }
}
