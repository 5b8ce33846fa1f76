using NodaTime;
using Scheduler.Protocols.History;

namespace Scheduler.Cli.Simulation;

/// <summary>A historical session placed on the replay's minute grid and on a charger of the site.</summary>
/// <param name="History">The session as it happened.</param>
/// <param name="Charger">The index of its charger in the site, or -1 when every charger was taken.</param>
/// <param name="ArrivalMinute">The first minute it may draw (its arrival, rounded up to the minute).</param>
/// <param name="DepartureMinute">The minute it leaves (its departure, rounded down), exclusive.</param>
/// <param name="DeliverableKwh">The most its charger could give it at full power during the stay.</param>
/// <param name="TargetKwh">
/// What it should get: what its driver asked for at arrival (or the default), but no more than the vehicle took, nor
/// than its charger could give at full power during the stay.
/// </param>
internal sealed record ReplaySession(HistoricalSession History, int Charger, int ArrivalMinute, int DepartureMinute, double DeliverableKwh, double TargetKwh)
{
    /// <summary>Whether it is plugged in during minute <paramref name="minute"/>.</summary>
    public bool IsPresent(int minute) => Charger >= 0 && minute >= ArrivalMinute && minute < DepartureMinute;

    /// <summary>What the driver had said by <paramref name="at"/> (the latest announcement not after it), or null.</summary>
    public Announcement? AnnouncementAt(Instant at) => History.Announcements.LastOrDefault(a => a.At <= at);
}
