using NodaTime;
using Scheduler.Protocols.History;
using Scheduler.Protocols.Planning;
using Scheduler.Protocols.Sessions;

namespace Scheduler.Cli.Simulation;

/// <summary>
/// What the replay's scheduler has learned of the drivers by a given instant: their habits from the sessions of the
/// history (from <see cref="SimulationInput.LearnFrom"/> on) that ended before it, and no other. Learned again only
/// when another session has ended.
/// </summary>
internal sealed class ReplayLearning
{
    private readonly EndedSession[] _byDeparture;
    private int _ended;
    private DriverHabits _habits = DriverHabits.None;

    public ReplayLearning(SimulationInput input)
    {
        var from = input.LearnFrom ?? input.Start;
        _byDeparture = [.. input.Sessions
            .Where(s => s.Arrival >= from && s.Arrival < input.End)
            .OrderBy(s => s.Departure)
            .Select(s => Ended(s, input))];
    }

    /// <summary>The habits learned from the sessions that ended at or before <paramref name="now"/>; asked in time order.</summary>
    public DriverHabits At(Instant now)
    {
        var ended = _ended;
        while (ended < _byDeparture.Length && _byDeparture[ended].Departure <= now)
        {
            ended++;
        }

        if (ended != _ended)
        {
            _ended = ended;
            _habits = DriverHabits.Learn(_byDeparture.Take(ended), now);
        }

        return _habits;
    }

    // The driver's last announcement before leaving (or the default), beside what really happened.
    private static EndedSession Ended(HistoricalSession session, SimulationInput input)
    {
        var said = session.Announcements.LastOrDefault(a => a.At < session.Departure);
        var announced = said?.Departure
            ?? DefaultDeparture.For(session.Arrival, input.Site.TimeZone, input.DefaultDeparture, input.DefaultDepartureOnWorkingDays);
        return new EndedSession(session.VehicleId, session.Arrival, session.Departure, announced, session.EnergyKwh, said?.EnergyKwh);
    }
}
