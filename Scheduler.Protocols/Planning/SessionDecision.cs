using NodaTime;

namespace Scheduler.Protocols.Planning;

/// <summary>What the plan assumes of one plugged-in session, and where each assumption came from.</summary>
/// <param name="SessionId">The session.</param>
/// <param name="Departure">
/// The announcement's source (driver, default, …), with "-hedged" where the fixed margin planned an earlier finish,
/// "-learned" where the driver's (or the site's) habits did, or overstay once the announced time has passed.
/// </param>
/// <param name="Energy">The energy's source (driver, default, …), or full where the vehicle stopped drawing while allowed.</param>
/// <param name="AnnouncedDeparture">The departure announced, or the site's default where none was.</param>
/// <param name="PlannedDeparture">The departure the plan works to.</param>
/// <param name="EnergyKwh">The energy still to deliver, in kWh (0 when full).</param>
public sealed record SessionDecision(string SessionId, string Departure, string Energy, Instant AnnouncedDeparture, Instant PlannedDeparture, double EnergyKwh);
