using NodaTime;
using Scheduler.Protocols.Sessions;

namespace Scheduler.Cli.Simulation;

/// <summary>
/// The way popular home chargers plan: at arrival each vehicle alone picks the cheapest slots before its announced
/// departure for its announced energy, at full power, and never re-plans; the site's limits then cut it back.
/// </summary>
internal sealed class GreedyStrategy : IReplayStrategy
{
    private readonly ReplayGrid _grid;
    private readonly HashSet<int>[] _chosenSlots;

    public GreedyStrategy(ReplayGrid grid)
    {
        _grid = grid;
        _chosenSlots = [.. grid.Sessions.Select(Choose)];
    }

    public string Name => "greedy";

    public bool ClippedBySite => true;

    public void BeginMinute(int minute, ReplayMeter meter)
    {
    }

    public double DesiredCurrentA(int session, int minute) =>
        _chosenSlots[session].Contains(minute / _grid.SlotMinutes) ? _grid.Input.Site.Chargers[_grid.Sessions[session].Charger].MaxCurrentA : 0;

    private HashSet<int> Choose(ReplaySession session)
    {
        var chosen = new HashSet<int>();
        if (session.Charger < 0)
        {
            return chosen;
        }

        var input = _grid.Input;
        var announced = session.AnnouncementAt(session.History.Arrival) ?? session.History.Announcements.FirstOrDefault();
        var departure = announced?.Departure
            ?? DefaultDeparture.For(session.History.Arrival, input.Site.TimeZone, input.DefaultDeparture, input.DefaultDepartureOnWorkingDays);
        var energy = announced?.EnergyKwh ?? input.DefaultEnergyKwh;
        var lastMinute = Math.Min(_grid.Minutes, (int)Math.Floor((departure - input.Start).TotalMinutes));
        var kwPerMinute = input.Site.Chargers[session.Charger].MaxCurrentA * _grid.Electrics.KwPerAmp(session.Charger) / 60;

        // Slots by price (earlier first among equals), each worth the minutes of it the vehicle can use.
        var slots = new List<(int Slot, int Minutes, double Price)>();
        for (var m = session.ArrivalMinute; m < lastMinute; m = ((m / _grid.SlotMinutes) + 1) * _grid.SlotMinutes)
        {
            var slot = m / _grid.SlotMinutes;
            var end = Math.Min(lastMinute, (slot + 1) * _grid.SlotMinutes);
            slots.Add((slot, end - m, _grid.PricePerKwh[m]));
        }

        var planned = 0.0;
        foreach (var (slot, minutes, _) in slots.OrderBy(s => s.Price).ThenBy(s => s.Slot))
        {
            if (planned >= energy)
            {
                break;
            }

            chosen.Add(slot);
            planned += kwPerMinute * minutes;
        }

        return chosen;
    }
}
